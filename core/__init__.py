"""The shared library at the bottom of the app order: it imports no app of this project.

Text and languages, fonts, iCalendar, trees, the home-section registry, sending signals after
commit, and the audit log. Every app may import it; it imports only Django and libraries.
"""
