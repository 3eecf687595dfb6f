"""Social Media Academy: the Django project (settings, URLs, command line)."""
