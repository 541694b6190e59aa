"""HTTP only: the API of visits."""
