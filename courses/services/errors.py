class CourseError(Exception):
    """A learning action that cannot be done; the message is translated and shown to the user."""
