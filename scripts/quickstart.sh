#!/usr/bin/env bash
# The README quickstart: ingest a CSV through the landing zone into a dataset, against a server
# started with ./scripts/serve (run from the repository root). The tests run it against their
# own server: HEADWATER_URL (default http://127.0.0.1:8080) and HEADWATER (the CLI command,
# default `uv run headwater`; it finds the server's data with HEADWATER_DATA_DIR) point it there.
set -euo pipefail
URL=${HEADWATER_URL:-http://127.0.0.1:8080}
read -r -a HW <<< "${HEADWATER:-uv run headwater}"
CREDS=$("${HW[@]}" credentials create --org ACME@AdobeOrg)
CLIENT_ID=$(echo "$CREDS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["client_id"])')
CLIENT_SECRET=$(echo "$CREDS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["client_secret"])')
TOKEN=$(curl -s -X POST $URL/ims/token/v3 -d grant_type=client_credentials \
  -d client_id=$CLIENT_ID -d client_secret=$CLIENT_SECRET \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
API=$URL/data/foundation
H=(-H "Authorization: Bearer $TOKEN" -H "x-api-key: $CLIENT_ID" -H "x-gw-ims-org-id: ACME@AdobeOrg"
   -H "x-sandbox-name: prod" -H "Content-Type: application/json")
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

LEADS="${TMPDIR:-/tmp}/leads.csv"
printf 'Id,FirstName,LastName\n1,Ada,Lovelace\n2,Alan,Turing\n' > "$LEADS"
"${HW[@]}" landing-zone upload "$LEADS" --org ACME@AdobeOrg

SCHEMA=$(curl -s -X POST $API/schemaregistry/tenant/schemas "${H[@]}" -d '{"type": "object",
  "title": "Leads", "allOf": [{"$ref": "https://ns.adobe.com/xdm/context/profile"},
  {"$ref": "https://ns.adobe.com/xdm/context/profile-person-details"}]}' | field 'd["$id"]')
DATASET=$(curl -s -X POST $API/catalog/dataSets "${H[@]}" -d "{\"name\": \"Leads\",
  \"schemaRef\": {\"id\": \"$SCHEMA\"}}" | field 'd[0].split("/")[-1]')
SOURCE=$(curl -s -X POST $API/flowservice/sourceConnections "${H[@]}" -d '{"name": "Leads CSV",
  "connectionSpec": {"id": "26f526f2-58f4-4712-961d-e41bf1ccc0e8", "version": "1.0"},
  "data": {"format": "delimited"}, "params": {"path": "dlz-user-container/leads.csv"}}' | field 'd["id"]')
TARGET=$(curl -s -X POST $API/flowservice/targetConnections "${H[@]}" -d "{\"name\": \"Leads dataset\",
  \"connectionSpec\": {\"id\": \"c604ff05-7f1a-43c0-8e18-33bf874cb11c\", \"version\": \"1.0\"},
  \"params\": {\"dataSetId\": \"$DATASET\"}}" | field 'd["id"]')
MAPPING=$(curl -s -X POST $API/conversion/mappingSets "${H[@]}" -d "{\"xdmSchema\": \"$SCHEMA\",
  \"mappings\": [{\"sourceAttribute\": \"Id\", \"destinationXdmPath\": \"_id\"},
  {\"sourceAttribute\": \"FirstName\", \"destinationXdmPath\": \"person.name.firstName\"},
  {\"sourceAttribute\": \"LastName\", \"destinationXdmPath\": \"person.name.lastName\"}]}" | field 'd["id"]')
FLOW=$(curl -s -X POST $API/flowservice/flows "${H[@]}" -d "{\"name\": \"Leads\",
  \"flowSpec\": {\"id\": \"9753525b-82c7-4dce-8a9b-5ccfce2b9876\", \"version\": \"1.0\"},
  \"sourceConnectionIds\": [\"$SOURCE\"], \"targetConnectionIds\": [\"$TARGET\"],
  \"transformations\": [{\"name\": \"Mapping\", \"params\": {\"mappingId\": \"$MAPPING\", \"mappingVersion\": 0}}],
  \"scheduleParams\": {\"startTime\": $(date +%s), \"frequency\": \"once\"}}" | field 'd["id"]')

# The scheduler starts the run within a second; a small file takes well under a second.
for _ in $(seq 60); do
  RUN=$(curl -s "$API/flowservice/runs?property=flowId==$FLOW" "${H[@]}")
  STATUS=$(echo "$RUN" | field '(d["items"] or [{}])[0].get("metrics", {}).get("statusSummary", {}).get("status")')
  if [ "$STATUS" = success ] || [ "$STATUS" = failed ]; then break; fi
  sleep 1
done
echo "$RUN" | field 'd["items"][0]["metrics"]["statusSummary"]["status"], d["items"][0]["metrics"]["recordSummary"]'
curl -s "$API/export/datasets/$DATASET/preview" "${H[@]}"; echo
"${HW[@]}" sql "select _id, person.name.firstName from \"$DATASET\"" --org ACME@AdobeOrg
