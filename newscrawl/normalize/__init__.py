"""Pure functions that turn raw page strings into normalized values."""
