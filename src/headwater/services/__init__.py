"""Use cases. Each public function owns one database transaction and raises only
``headwater.errors`` exceptions; this is the only layer that touches ``store``."""
