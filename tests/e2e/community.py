"""A small two-language community for the page-wide browser checks (accessibility, screens):
an English and a Chinese reader who follow each other, notes in English, Chinese and both, topics
in each language, comments, likes and a conversation. Everything is fixed (names, colours, text)
so two runs draw the same pages."""

from dataclasses import dataclass

from crossnote.accounts.models import User
from crossnote.messaging.services import send_message, start_conversation
from crossnote.notes.models import Note
from crossnote.notes.services import add_comment, create_note, like_note
from crossnote.social.services import follow_user
from tests.conftest import image_bytes, make_user, upload


@dataclass
class Community:
    mia: User
    lin: User
    note: Note  # Lin's note, the one the note page shows
    mixed: Note  # a note in English and Chinese at once (detected "mixed")
    conversation_id: int


def photo(name: str, color: tuple[int, int, int], size=(600, 800)):
    return upload(name, image_bytes(size=size, color=color))


def build_community() -> Community:
    mia = make_user(
        "mia_ms", display_name="Mia", region="US", languages=["en"], bio="Cats and cooking."
    )
    lin = make_user(
        "lin_sh", display_name="小林", region="CN", languages=["zh"], bio="上海人，喜欢猫和火锅。"
    )
    follow_user(follower=mia, followee=lin)
    follow_user(follower=lin, followee=mia)
    create_note(
        author=mia,
        title="My cat found the sunny spot",
        body="Three photos of Pepper napping by the window. #cats",
        images=[photo("cat.jpg", (200, 150, 90)), photo("cat2.jpg", (90, 120, 160))],
    )
    create_note(
        author=mia,
        title="Sunday pancakes",
        body="Fluffy, with maple syrup. #cooking",
        images=[photo("pancakes.jpg", (230, 190, 120), size=(800, 600))],
    )
    note = create_note(
        author=lin,
        title="我家的猫今天又睡了一整天",
        body="阳光正好，猫在窗台上睡觉。#猫",
        images=[photo("mao.jpg", (120, 160, 110)), photo("mao2.jpg", (160, 110, 130))],
    )
    mixed = create_note(
        author=lin,
        title="周末 hotpot night",
        body="I love 火锅 with my friends 和朋友们一起 #火锅",
        images=[photo("hotpot.jpg", (190, 70, 50), size=(800, 800))],
    )
    add_comment(author=mia, note=note, body="What a lovely cat! Is the window warm?")
    add_comment(author=lin, note=note, body="是的，下午的阳光很暖和。")
    like_note(user=mia, note=note)
    like_note(user=lin, note=Note.objects.filter(author=mia).first())
    conversation = start_conversation(sender=mia, recipients=[lin])
    send_message(sender=mia, conversation_id=conversation.pk, body="Hi Lin! Your cat is adorable.")
    send_message(sender=lin, conversation_id=conversation.pk, body="谢谢！它叫年糕。")
    return Community(mia=mia, lin=lin, note=note, mixed=mixed, conversation_id=conversation.pk)
