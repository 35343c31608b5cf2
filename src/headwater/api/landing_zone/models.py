"""Wire models of the Data Landing Zone API."""

from __future__ import annotations

from pydantic import BaseModel, Field

from headwater.services.landing_zone import StoredFile


class LandingZone(BaseModel):
    containerName: str = Field(examples=["dlz-user-container"])
    containerTTL: str = Field(description="Days a file stays in the container", examples=["7"])


class LandingZoneCredentials(BaseModel):
    containerName: str
    SASToken: str = Field(
        description="An opaque value kept for compatibility; it grants nothing. Uploads are "
        "authenticated with the usual bearer token and gateway headers."
    )
    storageAccountName: str
    SASUri: str = Field(description="headwater's upload URL: PUT {SASUri}/{path}")
    expiryDate: str = Field(description="After this date a GET hands out a new token")


class ContainerFile(BaseModel):
    name: str = Field(description="The file's name")
    path: str = Field(
        description="The source path to use in a source connection's params.path",
        examples=["dlz-user-container/data8.csv"],
    )
    size: int = Field(description="Bytes")
    modified: int = Field(description="Last modification (upload) time, epoch milliseconds")

    @classmethod
    def of(cls, stored: StoredFile) -> ContainerFile:
        return cls(
            name=stored.name,
            path=stored.path,
            size=stored.size,
            modified=int(stored.modified * 1000),
        )


class ContainerFiles(BaseModel):
    items: list[ContainerFile]
