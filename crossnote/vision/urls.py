from django.urls import path

from crossnote.vision import views

app_name = "vision"
urlpatterns = [
    path("notes/<int:pk>/photos/<int:position>/alt-text", views.alt_text, name="alt_text"),
    path("review/frames/<str:token>", views.frame, name="frame"),
]
