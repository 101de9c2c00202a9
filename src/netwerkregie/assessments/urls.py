app_name = "assessments"

urlpatterns: list = []

from .results_urls import urlpatterns as results_urlpatterns  # noqa: E402  (result pages, see results_views)

urlpatterns += results_urlpatterns
