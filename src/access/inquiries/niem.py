"""The NIEM XML IAQ (``NLETSInquiryData``), in and out.

Untrusted XML is parsed only with ``defusedxml`` (no DTDs, no entity expansion, no external
references). Elements are matched by local name, so any namespace prefixes are accepted. The
full Nlets XML guide is not public: the element names follow the public outline in
``shared/reference/nlets-iaq.md``; ACCESS's own fields (reason, case number, citizenship claim,
secondary recipient) travel in ``InquiryReasonText``, ``CaseNumberText``,
``CitizenshipClaimIndicator`` and ``SecondaryRecipientText``.

A standard IAQ carries no reason or case number, in XML as in text: ``read`` accepts a message
without ``InquiryReasonText`` or ``CaseNumberText`` with a warning for each (as ``nlets.read``
does, through the same ``message.reading``), and the inquiry waits for them
(``actions.submit_inquiry`` asks the agency back with an administrative message).
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, ParseError, SubElement, tostring  # nosec B405

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from access.inquiries.message import InquiryData, InquiryInvalid, Reading, check, reading

MAX_BYTES = 64 * 1024
NS = "http://www.nlets.org/niem/1.0"

# Local-name path from the root -> field.
PATHS: dict[tuple[str, ...], str] = {
    ("NLETSMessageHeader", "OriginatingORIID"): "ori",
    ("PurposeCode",): "purpose_code",
    ("ResponseAttentionDescriptionText",): "attention",
    ("ContactTelephoneNumber",): "phone",
    ("Person", "PersonName", "PersonSurName"): "family_name",
    ("Person", "PersonName", "PersonGivenName"): "given_name",
    ("Person", "PersonName", "PersonMiddleName"): "middle_name",
    ("Person", "PersonBirthDate", "Date"): "date_of_birth",
    ("Person", "PersonSexCode"): "sex",
    ("Person", "PersonBirthLocationCode"): "place_of_birth",
    ("Person", "AlienNumber", "IdentificationID"): "a_number",
    ("Person", "PersonFBIIdentification", "IdentificationID"): "fbi_number",
    ("Person", "PersonStateIdentification", "IdentificationID"): "state_id",
    ("Person", "DriverLicenseIdentification", "IdentificationID"): "operator_license",
    ("ChargeNCICCode",): "offense_code",
    ("CustodyStatusText",): "in_custody",
    ("InquiryReasonText",): "reason",
    ("CaseNumberText",): "case_number",
    ("CitizenshipClaimIndicator",): "claims_us_citizenship",
    ("SecondaryRecipientText",): "secondary_recipient",
    ("HitConfirmationIndicator",): "hit_confirmation",
    ("NCICRecordNumberID",): "ncic_number",
}
ELEMENT_OF = {field: "/".join(path) for path, field in PATHS.items()}
_CUSTODY = {"IN CUSTODY": "Y", "NOT IN CUSTODY": "N", "TRUE": "Y", "FALSE": "N"}


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _find(root: Any, path: tuple[str, ...]) -> list[Any]:
    nodes = [root]
    for name in path:
        nodes = [child for node in nodes for child in node if _local(child.tag) == name]
    return nodes


def element(field: str) -> str:
    """Errors and warnings name the field and its element: ``reason (InquiryReasonText)``."""
    path = ELEMENT_OF.get(field)
    return f"{field} ({path})" if path else field


def parse(document: str | bytes) -> InquiryData:
    """One NIEM XML IAQ -> ``InquiryData`` (reason and case number possibly empty: see
    ``read``), or ``InquiryInvalid`` naming the field."""
    return read(document).data


def read(document: str | bytes) -> Reading:
    """One NIEM XML IAQ -> ``Reading`` (a warning for a missing reason or case number), or
    ``InquiryInvalid`` naming the field when the message cannot be read."""
    data = document.encode("utf-8") if isinstance(document, str) else document
    if not data.strip():
        raise InquiryInvalid({"message": ["The message is empty."]})
    if len(data) > MAX_BYTES:
        raise InquiryInvalid({"message": [f"The XML is larger than {MAX_BYTES} bytes."]})
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise InquiryInvalid(
            {"message": ["The XML declares a DTD or entities, which are refused."]}
        ) from None
    except (ParseError, ValueError, UnicodeError) as error:
        raise InquiryInvalid({"message": [f"The XML is not well-formed ({error})."]}) from None
    if _local(root.tag) != "NLETSInquiryData":
        raise InquiryInvalid({"message": ["The root element must be NLETSInquiryData."]})
    destination = [n.text or "" for n in _find(root, ("NLETSMessageHeader", "DestinationORIID"))]
    if destination and destination[0].strip().upper() not in ("", "AX"):
        raise InquiryInvalid({"destination": ["The destination is AX (the LESC)."]})
    raw: dict[str, Any] = {}
    for path, field in PATHS.items():
        nodes = _find(root, path)
        if len(nodes) > 1:
            raise InquiryInvalid({field: [f"{'/'.join(path)} appears more than once."]})
        if nodes:
            if len(nodes[0]):
                raise InquiryInvalid({field: [f"{'/'.join(path)} must hold text only."]})
            raw[field] = (nodes[0].text or "").strip()
    custody = str(raw.get("in_custody", "")).upper()
    raw["in_custody"] = _CUSTODY.get(custody, custody)
    return reading(check(raw, details_required=False), element)


def format_iaq(data: InquiryData) -> str:
    """``InquiryData`` -> the NIEM XML form (UTF-8 text, default namespace ``NS``)."""
    root = Element("NLETSInquiryData", xmlns=NS)
    header = SubElement(root, "NLETSMessageHeader")
    SubElement(header, "MessageKeyCode").text = "IAQ"
    SubElement(header, "OriginatingORIID").text = data.ori
    SubElement(header, "DestinationORIID").text = "AX"
    values = data.as_dict()
    values["in_custody"] = "Y" if data.in_custody else "N"
    values["claims_us_citizenship"] = "Y" if data.claims_us_citizenship else "N"
    values["hit_confirmation"] = "Y" if data.hit_confirmation else ""
    nodes: dict[tuple[str, ...], Element] = {(): root}
    for path, field in PATHS.items():
        if path[0] == "NLETSMessageHeader" or not values[field]:
            continue
        parent = root
        for depth in range(1, len(path)):
            key = path[:depth]
            if key not in nodes:
                nodes[key] = SubElement(parent, path[depth - 1])
            parent = nodes[key]
        SubElement(parent, path[-1]).text = str(values[field])
    return tostring(root, encoding="unicode")
