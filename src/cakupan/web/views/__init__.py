"""Page views: thin wrappers that call selectors and services and render templates."""
