"""The contract as third-party tools read it (Spectral, Redocly, openapi-typescript)."""
