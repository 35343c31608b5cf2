"""HTTP edge: parse, call one service function, shape the platform's response."""
