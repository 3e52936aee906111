"""Input and output shapes of vision's REST operations."""

from ninja import Field, Schema


class PhotoLineOut(Schema):
    text: str
    box: list[float] = Field(
        description="x0, y0, x1, y1 as fractions (0..1) of the photo's width and height"
    )
    confidence: float
    translation: str | None = Field(
        None, description="the line in `target` when one was asked for (null: none, or no engine)"
    )


class PhotoTextOut(Schema):
    note_id: int
    position: int = Field(description="the photo's place in the note, from 0")
    status: str = Field(description="pending (not read yet), done, failed, or off (OCR disabled)")
    language: str = Field(description="detected language of the text ('' when none)")
    text: str
    lines: list[PhotoLineOut]
    target: str | None = Field(None, description="the language the lines were translated into")


class VideoFrameTextOut(Schema):
    at: float = Field(description="the frame's time, in seconds from the start")
    status: str = Field(
        description="done (read), same (the same picture as the frame at `same_as`: not read "
        "again), skipped (over the per-video cap of frames or time), failed"
    )
    same_as: float | None = Field(None, description="for `same`: the time of the frame read")
    language: str = Field(description="detected language of the frame's text ('' when none)")
    text: str
    lines: list[PhotoLineOut] = Field(description="boxes as fractions of the frame")


class VideoTextOut(Schema):
    note_id: int
    status: str = Field(
        description="pending (not read yet: the video is still being made, or waiting), done, "
        "or off (OCR disabled)"
    )
    text: str = Field(description="each distinct line once, in order of time (what search finds)")
    frames: list[VideoFrameTextOut] = Field(description="every sampled frame, about one a second")
    target: str | None = Field(None, description="the language the lines were translated into")


class AltTextIn(Schema):
    alt_text: str | None = Field(
        None,
        description="the description to store; leave it out to use the text read in the photo "
        "(only while the photo has no description: 409 otherwise)",
    )


class AltTextOut(Schema):
    note_id: int
    position: int
    alt_text: str
