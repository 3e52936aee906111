"""Federation's routes, mounted at the root (crossnote/urls.py) so /.well-known/ is ours."""

from django.urls import path

from crossnote.federation import reply_views, views

app_name = "federation"
urlpatterns = [
    path(".well-known/webfinger", views.webfinger, name="webfinger"),
    path(".well-known/host-meta", views.host_meta, name="host_meta"),
    path(".well-known/nodeinfo", views.nodeinfo_links, name="nodeinfo_links"),
    path("nodeinfo/2.1", views.nodeinfo, name="nodeinfo"),
    path("ap/inbox", views.shared_inbox, name="shared_inbox"),
    path("ap/users/<str:username>", views.actor, name="actor"),
    path("ap/users/<str:username>/inbox", views.actor_inbox, name="actor_inbox"),
    path("ap/users/<str:username>/outbox", views.outbox, name="outbox"),
    path("ap/users/<str:username>/followers", views.followers, name="followers"),
    path("ap/users/<str:username>/following", views.following, name="following"),
    path("ap/notes/<int:pk>", views.note, name="note"),
    path("elsewhere/", views.elsewhere, name="elsewhere"),
    path("elsewhere/people/<int:pk>/", views.remote_person, name="remote_person"),
    path("elsewhere/people/<int:pk>/follow/", views.follow_person, name="follow"),
    path("elsewhere/people/<int:pk>/block/", views.block_person, name="block"),
    path("elsewhere/notes/<int:pk>/like/", views.like_note, name="like"),
    # Replies as comments (crossnote.federation.replies)
    path("ap/comments/<int:pk>", reply_views.comment, name="comment"),
    path("ap/replies/<int:pk>", reply_views.reply, name="reply"),
    path("elsewhere/notes/<int:pk>/", reply_views.remote_note, name="remote_note"),
    path("elsewhere/notes/<int:pk>/comment/", reply_views.comment_on_note, name="comment_on"),
    path(
        "elsewhere/notes/<int:pk>/translation/",
        reply_views.note_translation,
        name="note_translation",
    ),
    path("elsewhere/replies/<int:pk>/delete/", reply_views.delete_reply, name="delete_reply"),
]
