"""headwater: a self-hostable data ingestion service with the platform's Flow Service APIs."""
