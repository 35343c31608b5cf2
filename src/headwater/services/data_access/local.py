"""The scope of local tools (the CLI): an org and sandbox named on the command line."""

from __future__ import annotations

from typing import Final

from sqlalchemy import select

from headwater.errors import BadRequest, NotFound
from headwater.store import Database, Org, Sandbox, Scope

CLI_CLIENT: Final = "headwater-cli"


def local_scope(db: Database, org_id: str | None, sandbox: str = "prod") -> Scope:
    """The scope of ``sandbox`` in ``org_id``; without an org, the store's only one.

    Raises:
        BadRequest: no org was given and the store holds none or several.
        NotFound: the org or the sandbox does not exist.
    """
    with db.transaction() as session:
        if org_id is None:
            orgs = session.scalars(select(Org).order_by(Org.id).limit(2)).all()
            if len(orgs) != 1:
                found = "no organisation" if not orgs else "several organisations"
                raise BadRequest(f"The store holds {found}; name one with --org")
            org = orgs[0]
        else:
            found_org = session.get(Org, org_id)
            if found_org is None:
                raise NotFound(f"Organisation {org_id} does not exist")
            org = found_org
        stmt = select(Sandbox).where(Sandbox.org_id == org.id, Sandbox.name == sandbox)
        record = session.scalars(stmt).first()
        if record is None:
            raise NotFound(f"Sandbox {sandbox} does not exist in {org.id}")
        return Scope(org.id, record.id, record.name, CLI_CLIENT, org.tenant_id)
