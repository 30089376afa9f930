#!/usr/bin/env python3
"""zeep as an independent peer for soapstone's interop tests.

Subcommands (run with --help for the options):

  envelopes <wsdl> <outdir>
      For every operation of every port of the WSDL, build the request with zeep from fixed
      sample values (SOAP headers included) and write it to <outdir>:
      <port>.<operation>.request.xml for SOAP envelopes and HTTP POST bodies,
      <port>.<operation>.request.txt ("GET <relative path>") for HTTP GET url-replacement calls.
      <outdir>/index.json lists every file with its operation, binding kind, SOAPAction and the
      sample values, so that a test can compare what another stack parses with what was sent.

  parse <wsdl> <operation> <file>
      Parse a response (SOAP envelope, SOAP fault, or HTTP-binding XML body) with zeep's
      deserializer for that operation's output and print the result as JSON on stdout.

  parse-batch <jobs.json>
      Parse many messages in one run (each WSDL is loaded once): jobs.json is a list of
      {"wsdl", "operation", "direction": "request" | "response", "file"}. A response is read as
      by `parse`; a request is read with the operation's input message: a SOAP envelope gives
      {"request": {"header": ..., "body": ...}}, an HTTP POST body {"request": <element>}.
      Prints one JSON list, in job order.

  call <wsdl> <endpoint> [options]
      Call every operation of the WSDL against <endpoint> and print one JSON line per call:
        site WSDL (GetChatUrl, GetChatOperatingHours): both operations; with --server-wsdl the
          chat-server flow continues on the returned ChatUrl (RequestChat, SendActivityChange,
          PostChatMessage, RetrieveMessages until the agent replied, TerminateChat): all 7.
        chat-server WSDL alone: the 5 server operations (--chat-token and --site-name needed).
        ECE WSDL: the 5 HTTP GET operations through zeep, then the survey POST (see below).
      Exits 1 on any fault, transport error or unexpected answer.

ECE survey: zeep cannot send it. zeep's MimeXML message (an http:binding input bound with
mime:mimeXml) raises NotImplementedError in serialize(), and HttpPostBinding.process_reply treats
any status but 200 as an error while the service answers 204. The survey body is therefore
serialized by zeep from the WSDL's egainSurvey element and POSTed with urllib.

Exit status: 0 success, 1 failure, 2 usage error.
"""

import argparse
import base64
import datetime
import decimal
import hashlib
import json
import os
import sys
import time
import urllib.error
import urllib.request

from lxml import etree
from zeep import Client, Settings
from zeep.exceptions import Fault
from zeep.helpers import serialize_object
from zeep.transports import Transport
from zeep.wsdl.bindings.http import HttpGetBinding, HttpPostBinding
from zeep.wsdl.bindings.soap import SoapBinding

SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
PASSWORD_TEXT = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText"
)
PASSWORD_DIGEST = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest"
)
BASE64_ENCODING = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"
)

SITE_NS_PREFIX = "urn:messages.chat.ws.rightnow.com/"
SERVER_NS = "urn:messages.enduser.chat.ws.rightnow.com/v1"
ECE_NS = "http://bindings.egain.com/chat/wsdl"

# Fixed sample values: the envelopes must be byte-for-byte reproducible.
SAMPLE_TIME = datetime.datetime(2026, 1, 2, 3, 4, 5)
SAMPLE_USER = "interop-user"
SAMPLE_PASSWORD = "interop-secret"
SAMPLE_APP_ID = "soapstone zeep interop"
SAMPLE_SITE = "interop_site"
SAMPLE_TOKEN = "zeep-chat-token-0001"
SAMPLE_SESSION = "zeep-session-0001"
SAMPLE_NONCE = b"soapstone-nonce!"
SAMPLE_ENTRY_POINT = "1001"


class PeerError(Exception):
    """A failure to report on stderr with exit status 1."""


def make_client(wsdl, timeout=30):
    transport = Transport(timeout=timeout, operation_timeout=timeout)
    return Client(wsdl, settings=Settings(strict=True), transport=transport)


def wsdl_kind(client):
    namespaces = []
    for binding in client.wsdl.bindings.values():
        ns = etree.QName(binding.name).namespace
        if ns.startswith(SITE_NS_PREFIX):
            return "site"
        if ns == SERVER_NS:
            return "server"
        if ns == ECE_NS:
            return "ece"
        namespaces.append(ns)
    raise PeerError("not one of the chat WSDLs (binding namespaces %s)" % namespaces)


def json_default(value):
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, etree._Element):
        return etree.tostring(value, encoding="unicode", with_tail=False)
    raise TypeError("not JSON serializable: %r" % type(value))


def to_json(value):
    return json.dumps(serialize_object(value, dict), default=json_default, sort_keys=True)


# ----------------------------------------------------------------------------- sample values


def security_text(username=SAMPLE_USER, password=SAMPLE_PASSWORD):
    return {
        "UsernameToken": {
            "Id": "UsernameToken-1",
            "Username": {"_value_1": username},
            "Password": {"_value_1": password, "Type": PASSWORD_TEXT},
        }
    }


def security_digest(username=SAMPLE_USER, password=SAMPLE_PASSWORD):
    created = "2026-01-02T03:04:05Z"
    digest = hashlib.sha1(SAMPLE_NONCE + created.encode() + password.encode()).digest()
    return {
        "UsernameToken": {
            "Id": "UsernameToken-2",
            "Username": {"_value_1": username},
            "Password": {"_value_1": base64.b64encode(digest).decode(), "Type": PASSWORD_DIGEST},
            "Nonce": {
                "_value_1": base64.b64encode(SAMPLE_NONCE).decode(),
                "EncodingType": BASE64_ENCODING,
            },
            "Created": {"_value_1": datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)},
        }
    }


def transaction(number, site_name=SAMPLE_SITE, with_time=True):
    data = {"ClientTransactionID": number, "SiteName": site_name}
    if with_time:
        data["ClientRequestTime"] = SAMPLE_TIME
    return data


def custom_fields():
    """Every DataValue member kind the schema has, in a nested GenericObject."""
    nested = {
        "ObjectType": {"Namespace": "urn:custom", "TypeName": "IncidentCustomFieldsc"},
        "GenericFields": [
            {"name": "priority", "dataType": "STRING", "DataValue": {"StringValue": "very high"}},
            {"name": "count", "dataType": "INTEGER", "DataValue": {"IntegerValue": 7}},
            {"name": "big", "dataType": "LONG", "DataValue": {"LongValue": 9007199254740993}},
            {"name": "flag", "dataType": "BOOLEAN", "DataValue": {"BooleanValue": True}},
            {"name": "when", "dataType": "DATETIME", "DataValue": {"DateTimeValue": SAMPLE_TIME}},
            {"name": "day", "dataType": "DATE", "DataValue": {"DateValue": datetime.date(2026, 1, 2)}},
            {"name": "ratio", "dataType": "DECIMAL", "DataValue": {"DecimalValue": 2.5}},
            {"name": "blob", "dataType": "BASE64_BINARY", "DataValue": {"Base64BinaryValue": b"\x00\x01soap"}},
            {"name": "ref", "dataType": "ID", "DataValue": {"IDValue": {"id": 42}}},
            {"name": "tags", "dataType": "STRING_LIST", "DataValue": {"StringValueList": ["a", "b"]}},
            {"name": "ints", "dataType": "INTEGER_LIST", "DataValue": {"IntegerValueList": [1, 2, 3]}},
            {
                "name": "product",
                "dataType": "NAMED_ID",
                "DataValue": {"NamedIDValue": {"ID": {"id": 5}, "Name": "Phones"}},
            },
            {"name": "empty", "dataType": "STRING"},
        ],
    }
    return [
        {
            "ObjectType": {"TypeName": "ContactCustomFields"},
            "GenericFields": [{"name": "c", "dataType": "OBJECT", "DataValue": {"ObjectValue": nested}}],
        }
    ]


def soap_samples(kind, version):
    """Operation name -> (body kwargs, soap headers) for the Oracle WSDLs."""
    if kind == "site":
        header = {"ClientRequestHeader": {"AppID": SAMPLE_APP_ID}, "Security": security_text()}
        get_chat_url = {"UrlType": "ENDUSER"}
        if version == "v1_2":
            get_chat_url["Version"] = "1.2"
        return {
            "GetChatUrl": (get_chat_url, header),
            "GetChatOperatingHours": ({}, header),
        }
    info = {"AppID": SAMPLE_APP_ID, "SessionID": SAMPLE_SESSION}
    header = {"ChatClientInfoHeader": info, "Security": security_text()}
    return {
        "RequestChat": (
            {
                "TransactionRequestData": transaction(1),
                "CustomFields": custom_fields(),
                "CustomerInformation": {
                    "EMailAddress": "zeep.client@example.invalid",
                    "FirstName": "Zee",
                    "LastName": "Peer",
                    "InterfaceID": {"ID": {"id": 1}, "Name": "interop_site"},
                    "ContactID": {"id": 77},
                    "Question": "Does <this> & that survive?",
                    "CategoryID": {"id": 3},
                },
                "ResumeType": "DO_NOT_RESUME",
                "ChatSessionToken": SAMPLE_TOKEN,
                "IncidentID": {"id": 12345},
            },
            # No SessionID before RequestChat has returned one.
            {"ChatClientInfoHeader": {"AppID": SAMPLE_APP_ID}, "Security": security_text()},
        ),
        "RetrieveMessages": ({"TransactionRequestData": transaction(2)}, header),
        "PostChatMessage": (
            {"TransactionRequestData": transaction(3), "Body": "Hello from zeep \u00e9\u20ac", "OffTheRecord": False},
            header,
        ),
        "SendActivityChange": ({"TransactionRequestData": transaction(4), "Mode": "RESPONDING"}, header),
        # The one PasswordDigest token: Nonce, wsu:Created and EncodingType get covered too.
        "TerminateChat": (
            {"TransactionRequestData": transaction(5, with_time=False)},
            {"ChatClientInfoHeader": info, "Security": security_digest()},
        ),
    }


def survey_values(sid="1000"):
    return {
        "sid": sid,
        "survey": [
            {"question": "How satisfied were you?", "answer": "Very"},
            {"question": "Anything else?", "answer": "No & thanks <3"},
        ],
    }


def survey_document(client, values):
    """The egainSurvey body, serialized by zeep from the WSDL's schema."""
    element = client.get_element("{http://bindings.egain.com/chat}egainSurvey")
    holder = etree.Element("holder")
    element.render(holder, element(**values))
    return holder[0]


# --------------------------------------------------------------------------------- envelopes


def site_version(client):
    for binding in client.wsdl.bindings.values():
        ns = etree.QName(binding.name).namespace
        if ns.startswith(SITE_NS_PREFIX):
            return ns[len(SITE_NS_PREFIX):]
    return None


def iter_ports(client):
    for service in client.wsdl.services.values():
        for port in service.ports.values():
            yield service, port


def cmd_envelopes(args):
    client = make_client(args.wsdl)
    kind = wsdl_kind(client)
    samples = soap_samples(kind, site_version(client)) if kind != "ece" else {}
    os.makedirs(args.outdir, exist_ok=True)
    index = []
    for service, port in iter_ports(client):
        binding = port.binding
        proxy = client.bind(service.name, port.name)
        for name in sorted(binding._operations):
            operation = binding._operations[name]
            entry = {"service": service.name, "port": port.name, "operation": name}
            if isinstance(binding, SoapBinding):
                if name not in samples:
                    raise PeerError("no sample values for SOAP operation %s" % name)
                body, headers = samples[name]
                envelope = client.create_message(proxy, name, _soapheaders=headers, **body)
                data = etree.tostring(envelope, xml_declaration=True, encoding="UTF-8", pretty_print=True)
                filename = "%s.%s.request.xml" % (port.name, name)
                entry.update(kind="soap11", soap_action=operation.soapaction, values=body, headers=headers)
            elif isinstance(binding, HttpGetBinding):
                values = {"id": SAMPLE_ENTRY_POINT}
                # Client.create_message only knows SOAP bindings (zeep 4.3.3: "'HttpGetBinding'
                # object has no attribute '_create'"); the binding's own create_message works.
                serialized = binding.create_message(name, **values)
                data = ("GET %s\n" % serialized.path).encode()
                filename = "%s.%s.request.txt" % (port.name, name)
                entry.update(kind="http-get", path=serialized.path, values=values)
            elif isinstance(binding, HttpPostBinding):
                values = survey_values()
                document = survey_document(client, values)
                data = etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)
                filename = "%s.%s.request.xml" % (port.name, name)
                entry.update(kind="http-post", path=operation.location, values=values)
            else:
                raise PeerError("unsupported binding %s" % type(binding).__name__)
            with open(os.path.join(args.outdir, filename), "wb") as out:
                out.write(data)
            entry["file"] = filename
            index.append(entry)
            print(filename)
    with open(os.path.join(args.outdir, "index.json"), "w", encoding="utf-8") as out:
        json.dump(index, out, default=json_default, sort_keys=True, indent=1)
        out.write("\n")
    return 0


# ------------------------------------------------------------------------------------- parse


def find_operation(client, name):
    for _service, port in iter_ports(client):
        operation = port.binding._operations.get(name)
        if operation is not None:
            return port.binding, operation
    raise PeerError("the WSDL has no operation %r" % name)


def parse_fault_detail(client, fault):
    """Each element child of the fault detail, parsed with its global element declaration."""
    entries = []
    if fault.detail is None:
        return entries
    for child in fault.detail:
        if not isinstance(child.tag, str):
            continue
        qname = etree.QName(child)
        try:
            element = client.get_element(qname.text)
        except LookupError as err:
            raise PeerError("fault detail %s is not declared in the WSDL: %s" % (qname.text, err))
        entries.append({"element": qname.text, "value": serialize_object(element.parse(child, client.wsdl.types), dict)})
    return entries


def parse_response(client, binding, operation, data):
    if isinstance(binding, SoapBinding):
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        doc = etree.fromstring(data, parser=parser)
        if doc.find("{%s}Body/{%s}Fault" % (SOAP11_ENV, SOAP11_ENV)) is not None:
            try:
                binding.process_error(doc, operation)
            except Fault as fault:
                return {
                    "fault": {
                        "code": fault.code,
                        "message": fault.message,
                        "detail": parse_fault_detail(client, fault),
                    }
                }
            raise PeerError("zeep did not raise a Fault for a SOAP fault")
        return {"result": serialize_object(operation.process_reply(doc), dict)}
    return {"result": serialize_object(operation.process_reply(data), dict)}


def cmd_parse(args):
    client = make_client(args.wsdl)
    binding, operation = find_operation(client, args.operation)
    with open(args.file, "rb") as handle:
        data = handle.read()
    print(json.dumps(parse_response(client, binding, operation, data), default=json_default, sort_keys=True))
    return 0


def parse_request(client, binding, operation, data):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(data, parser=parser)
    if isinstance(binding, SoapBinding):
        return {"request": serialize_object(operation.input.deserialize(doc), dict)}
    if isinstance(binding, HttpPostBinding):
        # zeep's MimeXML input cannot deserialize (see the module docstring): read the body with
        # its global element declaration instead.
        element = client.get_element(etree.QName(doc).text)
        return {"request": serialize_object(element.parse(doc, client.wsdl.types), dict)}
    raise PeerError("%s: zeep cannot read a %s request body" % (operation.name, type(binding).__name__))


def cmd_parse_batch(args):
    with open(args.jobs, "rb") as handle:
        jobs = json.load(handle)
    clients = {}
    results = []
    for number, job in enumerate(jobs):
        wsdl = job["wsdl"]
        if wsdl not in clients:
            clients[wsdl] = make_client(wsdl)
        client = clients[wsdl]
        binding, operation = find_operation(client, job["operation"])
        with open(job["file"], "rb") as handle:
            data = handle.read()
        try:
            if job["direction"] == "request":
                results.append(parse_request(client, binding, operation, data))
            elif job["direction"] == "response":
                results.append(parse_response(client, binding, operation, data))
            else:
                raise PeerError("unknown direction %r" % job["direction"])
        except PeerError:
            raise
        except Exception as err:  # name the job, keep zeep's message
            raise PeerError("job %d (%s %s of %s): %s: %s" % (number, job["operation"], job["direction"], job["file"], type(err).__name__, err))
    print(json.dumps(results, default=json_default, sort_keys=True))
    return 0


# -------------------------------------------------------------------------------------- call


def soap_binding_qname(client):
    for qname, binding in client.wsdl.bindings.items():
        if isinstance(binding, SoapBinding):
            return qname
    raise PeerError("the WSDL has no SOAP binding")


def report(operation, value):
    print(json.dumps({"operation": operation, "result": serialize_object(value, dict)}, default=json_default, sort_keys=True))
    sys.stdout.flush()


def invoke(operation, call):
    try:
        return call()
    except Fault as fault:
        detail = etree.tostring(fault.detail, encoding="unicode") if fault.detail is not None else ""
        raise PeerError("%s: SOAP fault %s: %s %s" % (operation, fault.code, fault.message, detail))
    except Exception as err:  # transport and parse errors: name the operation, keep the message
        raise PeerError("%s: %s: %s" % (operation, type(err).__name__, err))


def call_site(args, client, endpoint):
    service = client.create_service(soap_binding_qname(client), endpoint)
    header = {"ClientRequestHeader": {"AppID": args.app_id}, "Security": security_text(args.username, args.password)}
    hours = invoke("GetChatOperatingHours", lambda: service.GetChatOperatingHours(_soapheaders=header))
    report("GetChatOperatingHours", hours)
    if hours is None or hours.InOperatingHours is not True:
        raise PeerError("GetChatOperatingHours: the site is not in operating hours")
    url_args = {"UrlType": "ENDUSER"}
    if site_version(client) == "v1_2":
        url_args["Version"] = "1.2"
    result = invoke("GetChatUrl", lambda: service.GetChatUrl(_soapheaders=header, **url_args))
    report("GetChatUrl", result)
    if result is None or not result.ChatUrl or not result.ChatToken or not result.SiteName:
        raise PeerError("GetChatUrl: incomplete GetChatUrlResult")
    return result.ChatUrl, result.ChatToken, result.SiteName


def message_items(response):
    """(kind, value) of every system message of a RetrieveMessages response, in order."""
    messages = response.SystemMessages
    if messages is None:
        return []
    plain = serialize_object(messages, dict)
    items = []
    # zeep keeps a repeated choice as a list under _value_1, one {kind: value} dict per item.
    for item in plain.get("_value_1") or []:
        if isinstance(item, dict) and len(item) == 1:
            items.append(next(iter(item.items())))
        else:
            items.append(("other", item))
    return items


def call_server(args, client, endpoint, token, site_name):
    service = client.create_service(soap_binding_qname(client), endpoint)
    number = [0]

    def data():
        number[0] += 1
        return {"ClientRequestTime": datetime.datetime.now().replace(microsecond=0), "ClientTransactionID": number[0], "SiteName": site_name}

    def headers(session=None):
        info = {"AppID": args.app_id}
        if session is not None:
            info["SessionID"] = session
        return {"ChatClientInfoHeader": info, "Security": security_text(args.username, args.password)}

    started = invoke(
        "RequestChat",
        lambda: service.RequestChat(
            _soapheaders=headers(),
            TransactionRequestData=data(),
            CustomerInformation={"EMailAddress": "zeep.client@example.invalid", "FirstName": "Zee", "LastName": "Peer", "InterfaceID": {"ID": {"id": 1}}},
            ChatSessionToken=token,
        ),
    )
    report("RequestChat", started)
    if started.ResultType != "SUCCESS" or not started.SessionID:
        raise PeerError("RequestChat: ResultType %s, SessionID %r" % (started.ResultType, started.SessionID))
    session = started.SessionID
    own_client_id = started.TransactionResponseData.ClientID

    report("SendActivityChange", invoke("SendActivityChange", lambda: service.SendActivityChange(_soapheaders=headers(session), TransactionRequestData=data(), Mode="RESPONDING")))
    report("PostChatMessage", invoke("PostChatMessage", lambda: service.PostChatMessage(_soapheaders=headers(session), TransactionRequestData=data(), Body=args.message)))

    joined = replied = False
    deadline = time.monotonic() + args.timeout_secs
    while not replied:
        if time.monotonic() > deadline:
            raise PeerError("RetrieveMessages: the agent did not reply in time")
        response = invoke("RetrieveMessages", lambda: service.RetrieveMessages(_soapheaders=headers(session), TransactionRequestData=data()))
        report("RetrieveMessages", response)
        items = message_items(response)
        for kind, value in items:
            if kind == "RNChatParticipantAddedMessage":
                joined = True
            elif kind == "RNChatMessagePostedMessage" and value.get("ClientID") != own_client_id:
                if not joined:
                    raise PeerError("RetrieveMessages: the agent posted before joining")
                replied = True
        if not items:
            time.sleep(0.2)

    report("TerminateChat", invoke("TerminateChat", lambda: service.TerminateChat(_soapheaders=headers(session), TransactionRequestData=data())))


def call_ece(args, client, endpoint):
    get_binding = next(q for q, b in client.wsdl.bindings.items() if isinstance(b, HttpGetBinding))
    service = client.create_service(get_binding, endpoint)
    for name in ["agentAvailability", "capacity", "liveSessionStatus", "checkEligibility", "chatAllowed"]:
        # zeep substitutes url-replacement parts as raw strings (no XSD serialization), so the
        # xs:long entry point id is passed as text.
        report(name, invoke(name, lambda name=name: getattr(service, name)(id=str(args.entry_point))))
    post_binding = next(b for b in client.wsdl.bindings.values() if isinstance(b, HttpPostBinding))
    operation = post_binding._operations["survey"]
    body = etree.tostring(survey_document(client, survey_values(args.survey_sid)), xml_declaration=True, encoding="UTF-8")
    url = endpoint + operation.location
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/xml; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=args.timeout_secs) as response:
            status = response.status
            rest = response.read()
    except urllib.error.HTTPError as err:
        raise PeerError("survey: HTTP %d from %s: %s" % (err.code, url, err.read()[:500]))
    except urllib.error.URLError as err:
        raise PeerError("survey: %s: %s" % (url, err.reason))
    if status != 204 or rest:
        raise PeerError("survey: expected 204 with an empty body, got %d with %d bytes" % (status, len(rest)))
    report("survey", {"status": status})


def cmd_call(args):
    client = make_client(args.wsdl, args.timeout_secs)
    kind = wsdl_kind(client)
    if kind == "site":
        chat_url, token, site_name = call_site(args, client, args.endpoint)
        if args.server_wsdl:
            call_server(args, make_client(args.server_wsdl, args.timeout_secs), chat_url, token, site_name)
    elif kind == "server":
        if not args.chat_token or not args.site_name:
            raise PeerError("calling the chat-server WSDL alone needs --chat-token and --site-name")
        call_server(args, client, args.endpoint, args.chat_token, args.site_name)
    else:
        call_ece(args, client, args.endpoint)
    print(json.dumps({"done": True}))
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    envelopes = sub.add_parser("envelopes", help="write a request for every operation")
    envelopes.add_argument("wsdl")
    envelopes.add_argument("outdir")
    parse = sub.add_parser("parse", help="parse a response with zeep and print it as JSON")
    parse.add_argument("wsdl")
    parse.add_argument("operation")
    parse.add_argument("file")
    batch = sub.add_parser("parse-batch", help="parse many requests and responses in one run")
    batch.add_argument("jobs")
    call = sub.add_parser("call", help="call every operation against an endpoint")
    call.add_argument("wsdl")
    call.add_argument("endpoint")
    call.add_argument("--server-wsdl", help="continue on the ChatUrl with this chat-server WSDL")
    call.add_argument("--username", default=SAMPLE_USER)
    call.add_argument("--password", default=SAMPLE_PASSWORD)
    call.add_argument("--app-id", default=SAMPLE_APP_ID)
    call.add_argument("--message", default="Hello from zeep")
    call.add_argument("--chat-token")
    call.add_argument("--site-name")
    call.add_argument("--entry-point", default=SAMPLE_ENTRY_POINT)
    call.add_argument("--survey-sid", default="1000")
    call.add_argument("--timeout-secs", type=float, default=30)
    args = parser.parse_args(argv)
    handlers = {"envelopes": cmd_envelopes, "parse": cmd_parse, "parse-batch": cmd_parse_batch, "call": cmd_call}
    try:
        return handlers[args.command](args)
    except PeerError as err:
        print("FAILED %s" % err, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
