from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.exchange, name="exchange"),
    path("template.xlsx", views.spreadsheet_template, name="spreadsheet_template"),
    path("registry.xlsx", views.registry_xlsx, name="registry_xlsx"),
    path("network.json", views.network_json, name="network_json"),
    path("downloads/", views.download_list, name="downloads"),
    path("downloads/<int:pk>/", views.download_detail, name="download"),
    path("downloads/<int:pk>/file", views.download_file, name="download_file"),
    path("board/", views.board_report_list, name="board_reports"),
    path("board/<int:pk>/", views.board_report_detail, name="board_report"),
    path("board/<int:pk>/report.pdf", views.board_report_pdf, name="board_report_pdf"),
    path("board/<int:pk>/report.xlsx", views.board_report_xlsx, name="board_report_xlsx"),
    path("meetings/<int:pk>/pack.pdf", views.meeting_pack, name="meeting_pack"),
]
