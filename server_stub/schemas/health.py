"""The till's heartbeat (``POST /v1/devices/me/heartbeat``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from server_stub.schemas.common import INT32_MAX, clean_text

Timestamp = Annotated[str, StringConstraints(max_length=40)]
"""ISO 8601 with an offset, read like a sale's times (``schemas.sales.parse_sold_at``)."""
Count = Annotated[StrictInt, Field(ge=0, le=INT32_MAX)]


class HeartbeatIn(BaseModel):
    """How a till is, by its own account. Fields a newer till adds are ignored, so an older
    cloud never refuses a heartbeat."""

    model_config = ConfigDict(extra="ignore")

    sent_at: Timestamp = Field(description="The till's clock when it sent this")
    app_version: Annotated[
        str, StringConstraints(min_length=1, max_length=32), AfterValidator(clean_text)
    ] = Field(examples=["0.1.0"])
    unsent_sales: Count = Field(0, description="Sales made but not yet stored in the cloud")
    oldest_unsent_at: Timestamp | None = Field(
        None, description="When the oldest unsent sale was made (the till's clock)"
    )
    needs_attention: Count = Field(
        0, description="Sales the cloud answered with conflict or rejected"
    )
    clock_skew_s: Annotated[StrictInt, Field(ge=-INT32_MAX, le=INT32_MAX)] | None = Field(
        None, description="How far the till's clock is ahead of the cloud's, as it measured"
    )
    printer: Annotated[str, StringConstraints(max_length=32, pattern=r"^[a-z0-9_.]*$")] = Field(
        "none",
        description="ready, none (no printer), or a problem: paper_out, paper_near_end, "
        "cover_open, offline, unavailable, error",
    )
    last_sync_at: Timestamp | None = Field(
        None, description="The till's last completed sync round (the till's clock)"
    )


class HeartbeatOut(BaseModel):
    received_at: datetime
