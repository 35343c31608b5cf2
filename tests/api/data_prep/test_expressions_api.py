"""The expression language's endpoints, expression checks on mapping sets, and preview."""

from __future__ import annotations

import pytest
from catalog.helpers import CONVERSION

from .test_mapping_sets import SETS, current_form

EL = f"{CONVERSION}/languages/el"


def test_functions_are_listed_from_the_function_table(tenant):
    reply = tenant.request("GET", f"{EL}/functions")
    assert reply.status_code == 200, reply.text
    listed = {entry["function"]: entry for entry in reply.json()}
    for name in (
        "concat",
        "lower",
        "lcase",
        "iif",
        "decode",
        "min",
        "to_integer",
        "extract_regex",
        "equalsIgnoreCase",
    ):
        assert name in listed
    concat = listed["concat"]
    assert set(concat) == {
        "category",
        "function",
        "description",
        "syntax",
        "returns",
        "returnType",
        "example",
        "result",
        "params",
        "since",
    }
    assert concat["category"] == "String"
    assert concat["returnType"] == "java.lang.String"
    assert concat["returns"] == "String"
    assert concat["example"] == 'concat("Hi, ", "there", "!")'
    assert concat["result"] == '"Hi, there!"'
    (param,) = concat["params"]
    assert param["dataType"] == "[Ljava.lang.Object;"
    assert {"name", "description", "type", "dataType", "position"} <= set(param)
    assert listed["lcase"]["description"].endswith("(an alias of lower)")
    categories = {entry["category"] for entry in listed.values()}
    assert {
        "String",
        "Regular expression",
        "Logical operators",
        "Aggregation",
        "Type conversions",
    } <= categories


def test_every_listed_example_compiles(tenant):
    for entry in tenant.request("GET", f"{EL}/functions").json():
        if entry["category"] in ("String", "Regular expression", "Aggregation", "Type conversions"):
            reply = tenant.request("POST", f"{EL}/validate", json={"expression": entry["example"]})
            assert reply.status_code == 200, (entry["function"], reply.text)


def test_operators_are_listed(tenant):
    reply = tenant.request("GET", f"{EL}/operators")
    assert reply.status_code == 200
    operators = {(o["operatorSymbol"], o["numberOfOperands"]): o for o in reply.json()}
    assert operators[("+", 2)]["methodName"] == "add"
    assert operators[("/", 2)]["methodName"] == "divide"
    assert operators[("~", 1)]["methodName"] == "complement"
    assert operators[("-", 1)]["methodName"] == "negate"
    assert ("not", 1) in operators and ("!", 1) in operators
    assert set(reply.json()[0]) == {
        "operatorSymbol",
        "methodName",
        "numberOfOperands",
        "description",
        "example",
    }


def test_a_valid_expression(tenant):
    reply = tenant.request(
        "POST", f"{EL}/validate", json={"expression": 'iif(a > 1, lower(b), concat(c, "!"))'}
    )
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"validationStatus": "succeeded", "error": "none"}


@pytest.mark.parametrize(
    ("expression", "words", "line", "column"),
    [
        ('concat(firstName, " "', "Expected ')' after the arguments of concat", 1, 22),
        ("lowr(x)", "Unknown function 'lowr' — did you mean 'lower'?", 1, 1),
        ("lower(a,\n b)", "lower takes 1 argument", 1, 1),
        ("a +* b", "Expected a value after '+'", 1, 4),
    ],
)
def test_an_invalid_expression_is_400_with_where(tenant, expression, words, line, column):
    reply = tenant.request("POST", f"{EL}/validate", json={"expression": expression})
    assert reply.status_code == 400
    body = reply.json()
    assert words in body["detail"]
    assert f"at line {line}, column {column}" in body["detail"]
    assert (body["report"]["line"], body["report"]["column"]) == (line, column)


def test_sample_data_types_the_fields(tenant):
    body = {"expression": "lower(address)", "sampleData": '{"address": {"city": "Paris"}}'}
    reply = tenant.request("POST", f"{EL}/validate", json=body)
    assert reply.status_code == 400
    assert "must be a string, not an object" in reply.json()["detail"]
    body["sampleData"] = {"address": "Rue"}
    assert tenant.request("POST", f"{EL}/validate", json=body).status_code == 200
    assert tenant.request("POST", f"{EL}/validate", json={}).status_code == 400


def test_mapping_sets_with_invalid_expressions_are_refused(tenant, schema_id):
    mappings = [
        {"sourceType": "ATTRIBUTE", "source": "id", "destination": "_id"},
        {"sourceType": "EXPRESSION", "source": "upper(fn", "destination": "person.name.firstName"},
    ]
    reply = tenant.request("POST", SETS, json=current_form(schema_id, mappings))
    assert reply.status_code == 400
    body = reply.json()
    assert "Expected ')' after the arguments of upper at line 1, column 9" in body["detail"]
    (problem,) = body["report"]["invalidExpressions"]
    assert problem == {
        "mapping": 1,
        "expression": "upper(fn",
        "line": 1,
        "column": 9,
        "message": "Expected ')' after the arguments of upper",
    }
    (info,) = body["report"]["errors"]
    assert info["sourceType"] == "EXPRESSION"
    assert info["destination"] == "person.name.firstName"


def test_validate_reports_expression_errors_per_mapping(tenant, schema_id):
    mappings = [
        {"sourceType": "EXPRESSION", "source": "lower(fn)", "destination": "_id"},
        {"sourceType": "EXPRESSION", "source": "nope(fn)", "destination": "person.name.lastName"},
    ]
    reply = tenant.request("POST", f"{SETS}/validate", json=current_form(schema_id, mappings))
    assert reply.status_code == 200, reply.text
    first, second = reply.json()["validationResponse"]
    assert first == {"status": "SUCCESS", "errors": None}
    assert second["status"] == "FAILED"
    (error,) = second["errors"]
    assert set(error) == {"source", "destination", "columnName", "sourceType", "exception"}
    assert "Unknown function 'nope'" in error["exception"]
    assert "at line 1, column 1" in error["exception"]


def test_preview_maps_records_through_the_engine(tenant, schema_id):
    mappings = [
        {"sourceType": "ATTRIBUTE", "source": "id", "destination": "_id"},
        {
            "sourceType": "EXPRESSION",
            "source": 'concat(upper(fn), " ", ln)',
            "destination": "person.name.firstName",
        },
        {
            "sourceType": "EXPRESSION",
            "source": "to_integer(year)",
            "destination": "person.birthYear",
        },
    ]
    body = {
        "data": [
            {"id": "1", "fn": "ada", "ln": "Lovelace", "year": "1815"},
            {"id": "2", "fn": "alan", "year": "nineteen"},
        ],
        "mappingSet": current_form(schema_id, mappings),
    }
    reply = tenant.request("POST", f"{SETS}/preview", json=body)
    assert reply.status_code == 200, reply.text
    first, second = reply.json()
    assert first == {
        "data": {"_id": "1", "person": {"name": {"firstName": "ADA Lovelace"}, "birthYear": 1815}},
        "errors": None,
    }
    assert second["data"] == {"_id": "2", "person": {"name": {"firstName": "ALAN "}}}
    (error,) = second["errors"]
    assert error["code"] == "MAPPER-3703-400"
    assert error["field"] == "person.birthYear"
    assert "'nineteen' is not an integer" in error["message"]
    # Nothing was stored.
    assert tenant.request("GET", SETS, params={"limit": 10}).json()["data"] == []


def test_preview_shows_rows_that_validation_would_reject(tenant, schema_id):
    mappings = [
        {"sourceType": "EXPRESSION", "source": "lower(g)", "destination": "person.gender"},
    ]
    body = {
        "data": [{"g": "FEMALE"}, {"g": "Robot"}],
        "mappingSet": current_form(schema_id, mappings),
    }
    reply = tenant.request("POST", f"{SETS}/preview", json=body)
    assert reply.status_code == 200, reply.text
    valid, invalid = reply.json()
    assert valid == {"data": {"person": {"gender": "female"}}, "errors": None}
    assert invalid["data"] == {"person": {"gender": "robot"}}
    assert [e["code"] for e in invalid["errors"]] == ["INGEST-1556-400"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"data": [{"a": 1}]}, 400),
        ({"data": "nope", "mappingSet": {}}, 400),
        ({"data": [{"a": 1}, {"a": "text"}], "mappingSet": None}, 400),
    ],
)
def test_preview_refuses_malformed_bodies(tenant, body, status):
    assert tenant.request("POST", f"{SETS}/preview", json=body).status_code == status
