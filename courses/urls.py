from django.urls import path  # noqa: F401 - used by both blocks below

from .views import learning, staff  # noqa: F401

app_name = "courses"

# -- learner pages (courses/views/learning.py) ---------------------------------------------------
learning_urls: list = []

# -- staff pages (courses/views/staff.py) ---------------------------------------------------------
staff_urls: list = []

urlpatterns = learning_urls + staff_urls
