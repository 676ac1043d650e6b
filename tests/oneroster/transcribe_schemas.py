"""Writes tests/oneroster/schemas/*.json: the OneRoster 1.2 rostering types, transcribed by
hand from the official OpenAPI document (see README.md here). Run it after changing a
transcription: `python tests/oneroster/transcribe_schemas.py`."""
import json
import pathlib

out = pathlib.Path(__file__).with_name("schemas")
SOURCE = ("1EdTech/oneroster-bootcamp, src/main/resources/oas/"
          "onerosterv1p2rostersservice_openapi3_v1p0.json at commit "
          "13f31e717aedb82bf41739cca9d352732841d8ad, components.schemas")
S = {"type": "string"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
STRS = {"type": "array", "minItems": 0, "items": {"type": "string"}}
EXT = {"type": "string", "pattern": "(ext:)[a-zA-Z0-9\\.\\-_]+"}
TF = {"type": "string", "enum": ["true", "false"]}
def vocab(*values): return {"anyOf": [{"type": "string", "enum": list(values)}, EXT]}
def ref(name): return {"$ref": f"#/$defs/{name}"}
def arr(name, min_items=0): return {"type": "array", "minItems": min_items, "items": ref(name)}
def guid(kind): return {"type": "object", "properties": {
    "href": {"type": "string", "format": "uri"}, "sourcedId": S,
    "type": {"type": "string", "enum": [kind]}},
    "required": ["href", "sourcedId", "type"], "additionalProperties": False}
def obj(props, required, extra=False):
    return {"type": "object", "properties": props, "required": required,
            "additionalProperties": extra}
BASE = {"sourcedId": S, "status": {"type": "string", "enum": ["active", "tobedeleted"]},
        "dateLastModified": DATETIME, "metadata": ref("MetadataDType")}
BASE_REQ = ["sourcedId", "status", "dateLastModified"]
COMMON = {
    "MetadataDType": {"type": "object", "properties": {}, "additionalProperties": True},
    "OrgGUIDRefDType": guid("org"), "UserGUIDRefDType": guid("user"),
    "ClassGUIDRefDType": guid("class"), "CourseGUIDRefDType": guid("course"),
    "AcadSessionGUIDRefDType": guid("academicSession"),
    "ResourceGUIDRefDType": guid("resource"),
}
TYPES = {
    "UserDType": obj({**BASE, "userMasterIdentifier": S, "username": S,
                      "userIds": arr("UserIdDType"), "enabledUser": TF, "givenName": S,
                      "familyName": S, "middleName": S, "preferredFirstName": S,
                      "preferredMiddleName": S, "preferredLastName": S, "pronouns": S,
                      "roles": arr("RoleDType", 1), "userProfiles": arr("UserProfileDType"),
                      "primaryOrg": ref("OrgGUIDRefDType"), "identifier": S, "email": S,
                      "sms": S, "phone": S, "agents": arr("UserGUIDRefDType"), "grades": STRS,
                      "password": S, "resources": arr("ResourceGUIDRefDType")},
                     [*BASE_REQ, "enabledUser", "givenName", "familyName", "roles"]),
    "UserIdDType": obj({"type": S, "identifier": S}, ["type", "identifier"]),
    "RoleDType": obj({"roleType": {"type": "string", "enum": ["primary", "secondary"]},
                      "role": vocab("aide", "counselor", "districtAdministrator", "guardian",
                                    "parent", "principal", "proctor", "relative",
                                    "siteAdministrator", "student", "systemAdministrator",
                                    "teacher"),
                      "org": ref("OrgGUIDRefDType"),
                      "userProfile": {"type": "string", "format": "uri"},
                      "beginDate": DATE, "endDate": DATE}, ["roleType", "role", "org"]),
    "UserProfileDType": obj({"profileId": {"type": "string", "format": "uri"},
                             "profileType": S, "vendorId": S, "applicationId": S,
                             "description": S, "credentials": arr("CredentialDType")},
                            ["profileId", "profileType", "vendorId"]),
    "CredentialDType": obj({"type": S, "username": S, "password": S}, ["type", "username"],
                           extra=True),
    "OrgDType": obj({**BASE, "name": S,
                     "type": vocab("department", "district", "local", "national", "school",
                                   "state"),
                     "identifier": S, "parent": ref("OrgGUIDRefDType"),
                     "children": arr("OrgGUIDRefDType")},
                    [*BASE_REQ, "name", "type", "identifier"]),
    "ClassDType": obj({**BASE, "title": S, "classCode": S,
                       "classType": vocab("homeroom", "scheduled"), "location": S,
                       "grades": STRS, "subjects": STRS, "course": ref("CourseGUIDRefDType"),
                       "school": ref("OrgGUIDRefDType"),
                       "terms": arr("AcadSessionGUIDRefDType", 1), "subjectCodes": STRS,
                       "periods": STRS, "resources": arr("ResourceGUIDRefDType")},
                      [*BASE_REQ, "title", "course", "school", "terms"]),
    "CourseDType": obj({**BASE, "title": S, "schoolYear": ref("AcadSessionGUIDRefDType"),
                        "courseCode": S, "grades": STRS, "subjects": STRS,
                        "org": ref("OrgGUIDRefDType"), "subjectCodes": STRS,
                        "resources": arr("ResourceGUIDRefDType")},
                       [*BASE_REQ, "title", "courseCode"]),
    "EnrollmentDType": obj({**BASE, "user": ref("UserGUIDRefDType"),
                            "class": ref("ClassGUIDRefDType"),
                            "school": ref("OrgGUIDRefDType"),
                            "role": vocab("administrator", "proctor", "student", "teacher"),
                            "primary": TF, "beginDate": DATE, "endDate": DATE},
                           [*BASE_REQ, "user", "class", "school", "role"]),
    "DemographicsDType": obj({**BASE, "birthDate": DATE,
                              "sex": vocab("male", "female", "unspecified", "other"),
                              "americanIndianOrAlaskaNative": TF, "asian": TF,
                              "blackOrAfricanAmerican": TF,
                              "nativeHawaiianOrOtherPacificIslander": TF, "white": TF,
                              "demographicRaceTwoOrMoreRaces": TF,
                              "hispanicOrLatinoEthnicity": TF, "countryOfBirthCode": S,
                              "stateOfBirthAbbreviation": S, "cityOfBirth": S,
                              "publicSchoolResidenceStatus": S}, BASE_REQ),
    "AcademicSessionDType": obj({**BASE, "title": S, "startDate": DATE, "endDate": DATE,
                                 "type": vocab("gradingPeriod", "semester", "schoolYear",
                                               "term"),
                                 "parent": ref("AcadSessionGUIDRefDType"),
                                 "children": arr("AcadSessionGUIDRefDType"),
                                 "schoolYear": S},
                                [*BASE_REQ, "title", "startDate", "endDate", "type",
                                 "schoolYear"]),
    "imsx_CodeMinorFieldDType": obj({
        "imsx_codeMinorFieldName": {"type": "string", "default": "TargetEndSystem"},
        "imsx_codeMinorFieldValue": {"type": "string", "enum": [
            "fullsuccess", "invalid_filter_field", "invalid_selection_field", "invaliddata",
            "unauthorisedrequest", "forbidden", "server_busy", "unknownobject",
            "internal_server_error"]}},
        ["imsx_codeMinorFieldName", "imsx_codeMinorFieldValue"]),
    "imsx_CodeMinorDType": obj({"imsx_codeMinorField": arr("imsx_CodeMinorFieldDType", 1)},
                               ["imsx_codeMinorField"]),
    "imsx_StatusInfoDType": obj({
        "imsx_codeMajor": {"type": "string",
                           "enum": ["success", "processing", "failure", "unsupported"]},
        "imsx_severity": {"type": "string", "enum": ["status", "warning", "error"]},
        "imsx_description": S, "imsx_CodeMinor": ref("imsx_CodeMinorDType")},
        ["imsx_codeMajor", "imsx_severity"]),
}
USES = {  # which definitions each file needs besides its own
    "users": ["UserDType", "UserIdDType", "RoleDType", "UserProfileDType", "CredentialDType"],
    "orgs": ["OrgDType"], "classes": ["ClassDType"], "courses": ["CourseDType"],
    "enrollments": ["EnrollmentDType"], "demographics": ["DemographicsDType"],
    "academicSessions": ["AcademicSessionDType"],
    "imsx_StatusInfo": ["imsx_StatusInfoDType", "imsx_CodeMinorDType",
                        "imsx_CodeMinorFieldDType"],
}
# The collection (SetDType) and single-item (SingleXDType) envelopes of each type.
ENVELOPES = {"users": ("users", "user", "UserDType"), "orgs": ("orgs", "org", "OrgDType"),
             "classes": ("classes", "class", "ClassDType"),
             "courses": ("courses", "course", "CourseDType"),
             "enrollments": ("enrollments", "enrollment", "EnrollmentDType"),
             "demographics": ("demographics", "demographics", "DemographicsDType"),
             "academicSessions": ("academicSessions", "academicSession",
                                  "AcademicSessionDType")}
for name, own in USES.items():
    defs = {**{k: COMMON[k] for k in COMMON if name != "imsx_StatusInfo"},
            **{k: TYPES[k] for k in own}}
    doc = {"$schema": "https://json-schema.org/draft/2020-12/schema",
           "$id": f"urn:opiq-admin:oneroster:1.2:{name}",
           "$comment": "OneRoster 1.2 Rostering, written from " + SOURCE + ".",
           "$defs": defs}
    if name in ENVELOPES:
        many, one, item = ENVELOPES[name]
        defs["Set"] = {"type": "object", "properties": {many: arr(item)},
                       "additionalProperties": False}
        defs["Single"] = {"type": "object", "properties": {one: ref(item)},
                          "required": [one], "additionalProperties": False}
        doc["description"] = (f"A collection answer ({{'{many}': [...]}}, #/$defs/Set) or a "
                              f"single-item answer ({{'{one}': {{...}}}}, #/$defs/Single).")
        doc["oneOf"] = [ref("Set"), ref("Single")]
    else:
        doc.update(ref("imsx_StatusInfoDType"))
    (out / f"{name}.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")

