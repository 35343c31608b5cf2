"""GET /mappingSets, POST /mappingSets/validate, and the service the flow service reads."""

from __future__ import annotations

import time

import pytest
from catalog.helpers import scope_of

from headwater.services import data_prep

from .test_mapping_sets import SETS, create, current_form


@pytest.fixture
def three(tenant, schema_id):
    made = []
    for name in ("one", "two", "three"):
        made.append(create(tenant, current_form(schema_id, name=name)))
        time.sleep(0.003)  # distinct createdDate stamps
    return made


def _listed(tenant, **params):
    reply = tenant.request("GET", SETS, params=params)
    assert reply.status_code == 200, reply.text
    return reply.json()


@pytest.mark.parametrize("params", [{}, {"start": 0}])
def test_limit_is_required(tenant, params):
    reply = tenant.request("GET", SETS, params=params)
    assert reply.status_code == 400
    assert "limit is required" in reply.json()["detail"]


def test_missing_start_means_the_first_page(tenant, three):
    # The docs call start required too, but aepp's getMappingSets sends only limit.
    assert _listed(tenant, limit=2) == _listed(tenant, limit=2, start=0)


def test_list_shape_and_paging(tenant, three):
    body = _listed(tenant, limit=2, start=0, orderBy="+createdDate")
    assert set(body) == {"data", "_page", "_links"}
    assert [d["id"] for d in body["data"]] == three[:2]
    assert body["_page"] == {"count": 2, "limit": 2}
    assert body["_links"] == {}
    rest = _listed(tenant, limit=2, start=2, orderBy="+createdDate")
    assert [d["id"] for d in rest["data"]] == three[2:]
    assert rest["_page"]["count"] == 1


@pytest.mark.parametrize(
    ("order_by", "expected"),
    [
        ("-createdDate", [2, 1, 0]),
        ("createdDate", [0, 1, 2]),
        (" createdDate", [0, 1, 2]),
        ("-updatedDate", [2, 1, 0]),
        ("lastUpdateDate", [0, 1, 2]),
        (None, [2, 1, 0]),
    ],
)
def test_order_by(tenant, three, order_by, expected):
    params = {"limit": 10, "start": 0, **({"orderBy": order_by} if order_by else {})}
    assert [d["id"] for d in _listed(tenant, **params)["data"]] == [three[i] for i in expected]


def test_updated_date_follows_puts(tenant, schema_id, three):
    time.sleep(0.003)
    tenant.request("PUT", f"{SETS}/{three[0]}", json=current_form(schema_id))
    ids = [d["id"] for d in _listed(tenant, limit=10, start=0, orderBy="-updatedDate")["data"]]
    assert ids[0] == three[0]


def test_filters_and_expansion(tenant, three):
    assert [d["name"] for d in _listed(tenant, limit=10, start=0, name="two")["data"]] == ["two"]
    assert _listed(tenant, limit=10, start=0, property="status==PUBLISHED")["_page"]["count"] == 3
    expanded = _listed(tenant, limit=1, start=0, expandSchema="true")["data"][0]
    assert "properties" in expanded["outputSchema"]["jsonSchema"]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0, "start": 0},
        {"limit": 5, "start": -1},
        {"limit": 5, "start": 0, "orderBy": "name"},
    ],
)
def test_bad_list_parameters_are_400(tenant, params):
    assert tenant.request("GET", SETS, params=params).status_code == 400


def test_lists_never_show_other_orgs(tenant, other_tenant, three):
    assert _listed(other_tenant, limit=10, start=0)["data"] == []
    assert len(_listed(tenant, limit=10, start=0)["data"]) == 3


def test_validate_reports_one_status_per_mapping(tenant, schema_id):
    body = current_form(
        schema_id,
        [
            {"sourceType": "ATTRIBUTE", "source": "id", "destination": "_id"},
            {"sourceType": "ATTRIBUTE", "source": "x", "destination": "person.nickname"},
            {
                "sourceType": "EXPRESSION",
                "source": "upper(x)",
                "destination": "person.name.firstName",
            },
            {"sourceType": "STATIC", "source": 5, "destination": "person.name.lastName"},
        ],
    )
    reply = tenant.request("POST", f"{SETS}/validate", json=body)
    assert reply.status_code == 200, reply.text
    answers = reply.json()["validationResponse"]
    assert [a["status"] for a in answers] == ["SUCCESS", "FAILED", "SUCCESS", "FAILED"]
    assert answers[0]["errors"] is None
    (error,) = answers[1]["errors"]
    assert set(error) == {"source", "destination", "columnName", "sourceType", "exception"}
    assert (error["destination"], error["sourceType"]) == ("person.nickname", "ATTRIBUTE")
    assert "does not exist" in error["exception"]
    # validation stores nothing
    assert _listed(tenant, limit=10, start=0)["data"] == []


def test_validate_needs_an_existing_schema(tenant):
    body = current_form("https://ns.adobe.com/x/schemas/none")
    assert tenant.request("POST", f"{SETS}/validate", json=body).status_code == 400


def test_flow_service_reads_mapping_sets_through_the_service(tenant, other_tenant, db, schema_id):
    set_id = create(tenant, current_form(schema_id))
    tenant.request(
        "PUT",
        f"{SETS}/{set_id}",
        json=current_form(
            schema_id, [{"sourceType": "ATTRIBUTE", "source": "id", "destination": "_id"}]
        ),
    )
    scope = scope_of(tenant, db)
    current = data_prep.get_mapping_set(db, scope, set_id)
    assert current is not None
    assert current["version"] == 1
    assert current["outputSchema"]["schemaRef"]["id"] == schema_id
    assert [data_prep.source_kind(m) for m in current["mappings"]] == ["ATTRIBUTE"]
    with db.transaction() as session:
        first = data_prep.get_mapping_set(session, scope, set_id, 0)
    assert first is not None
    assert len(first["mappings"]) == 4
    assert [data_prep.source_kind(m) for m in first["mappings"]] == [
        "ATTRIBUTE",
        "ATTRIBUTE",
        "STATIC",
        "EXPRESSION",
    ]
    assert data_prep.get_mapping_set(db, scope, set_id, 9) is None
    assert data_prep.get_mapping_set(db, scope_of(other_tenant, db), set_id) is None
