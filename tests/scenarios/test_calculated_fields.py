"""End to end: a flow whose mapping set computes fields (Data Prep expressions) from S3 files."""

from __future__ import annotations

from typing import Any

from support.flows import Api, build_flow, dataset_rows, wait_for_runs
from support.moto_server import put_objects, s3_auth_params, unique_bucket

LEADS = (
    "Id\tFirstName\tLastName\tBorn\tEmail\tScore\n"
    "1\tada\tLOVELACE\t1815\t  Ada@Example.COM \t7.5\n"
    "2\talan\tturing\tunknown\tALAN@x.org\t\n"
    "3\t\tHopper\t1906\t\t10\n"
)
MAPPINGS = [
    {"sourceType": "ATTRIBUTE", "source": "Id", "destination": "_id"},
    {
        "sourceType": "EXPRESSION",
        "source": "concat(upper(left(FirstName, 1)), lower(substr(FirstName, 1, 50)))",
        "destination": "person.name.firstName",
    },
    {
        "sourceType": "EXPRESSION",
        "source": "lower(LastName)",
        "destination": "person.name.lastName",
    },
    {
        "sourceType": "EXPRESSION",
        "source": 'trim(FirstName + " " + upper(LastName))',
        "destination": "person.name.fullName",
    },
    {"sourceType": "EXPRESSION", "source": "to_integer(Born)", "destination": "person.birthYear"},
    {
        "sourceType": "EXPRESSION",
        "source": 'iif(Email == "", null, lower(trim(Email)))',
        "destination": "personalEmail.address",
    },
    {
        "sourceType": "EXPRESSION",
        "source": 'decode(Id, "1", "female", "3", "female", "male")',
        "destination": "person.gender",
    },
]


def test_calculated_fields_are_ingested(live_server, moto):
    tenant = live_server.new_tenant()
    api = Api(tenant)
    bucket = unique_bucket()
    put_objects(moto, bucket, {"leads/a.tsv": LEADS.encode()})
    ids = build_flow(
        api,
        auth=s3_auth_params(moto),
        path=f"/{bucket}/leads/*.tsv",
        mappings=MAPPINGS,
        options={"errorDiagnosticsEnabled": True},
    )
    (run,) = wait_for_runs(api, ids["flow"], 1)
    metrics = run["metrics"]
    # "unknown" is no year: a transformation error nulls that field but keeps the row.
    assert metrics["statusSummary"]["status"] == "success", metrics
    assert metrics["recordSummary"]["outputRecordCount"] == 3
    assert metrics["recordSummary"]["failedRecordCount"] == 0

    rows = dataset_rows(live_server.data_dir, tenant.org_id, run["sandboxId"], ids["dataset"])
    got = {row["_id"]: _flat(row) for row in rows}
    assert got["1"] == {
        "person.name.firstName": "Ada",
        "person.name.lastName": "lovelace",
        "person.name.fullName": "ada LOVELACE",
        "person.birthYear": 1815,
        "person.gender": "female",
        "personalEmail.address": "ada@example.com",
    }
    assert got["2"] == {
        "person.name.firstName": "Alan",
        "person.name.lastName": "turing",
        "person.name.fullName": "alan TURING",
        "person.gender": "male",
        "personalEmail.address": "alan@x.org",
    }
    # No first name: the field stays null (concat of nulls is null), no email: null.
    assert got["3"] == {
        "person.name.lastName": "hopper",
        "person.name.fullName": "HOPPER",
        "person.birthYear": 1906,
        "person.gender": "female",
    }


def _flat(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A row's non-null leaves by dotted path (``_id`` left out)."""
    found: dict[str, Any] = {}
    for key, value in row.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            found.update(_flat(value, f"{path}."))
        elif value is not None and path != "_id" and not path.startswith("_"):
            found[path] = value
    return found
