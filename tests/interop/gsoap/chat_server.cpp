// Mock Oracle B2C chat service built on gSOAP, an independent SOAP stack for soapstone's interop
// tests. One binary serves the site operations (GetChatUrl, GetChatOperatingHours, v1_2) and
// the chat-server operations (RequestChat, RetrieveMessages, PostChatMessage,
// SendActivityChange, TerminateChat): gSOAP dispatches on the body element, so both WSDLs share
// one endpoint and GetChatUrl points ChatUrl back at it.
//
// The gSOAP code it includes (soapH.h, soapServer.cpp, ...) is generated at test time from
// wsdl/ by tests/src/interop.rs and is never committed.
//
// Usage: chat_server --port P --max-requests N --lifetime-secs T --username U --password W
//                    [--site-name S] [--chat-token K]
// Binds 127.0.0.1 only (port 0 picks a free port), prints "READY 127.0.0.1:<port>" on stdout,
// and exits after N requests or T seconds, whichever comes first.

#include "chat_common.h"
#include "ChatServerBinding.nsmap"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <map>
#include <string>

namespace {

struct Config {
    int port = 0;
    long max_requests = 100;
    long lifetime_secs = 60;
    std::string username;
    std::string password;
    std::string site_name = "interop_site";
    std::string chat_token = "gsoap-chat-token-0001";
};

// One queued system message of a session.
struct Pending {
    bool participant_added;  // else a message posted by the agent
    std::string text;        // greeting or body
    time_t created;
};

struct Session {
    long long engagement_id;
    long long client_id;
    bool terminated = false;
    std::string last_mode;
    std::deque<Pending> queue;
};

Config config;
std::string chat_url;
std::map<std::string, Session> sessions;
long long session_counter = 0;

const long long kAgentClientId = 123;
const char *const kAgentName = "Agent Smith";
const char *const kGreeting = "Hello, this is Agent Smith. How may I help you?";

// A typed SOAP fault whose detail is the WSDL's RequestErrorFault of the right namespace:
// `site` selects urn:fault.ws.rightnow.com/v1_2 (site operations) over the chat-server faults.
int request_error(struct soap *soap, bool site, const char *code, const std::string &message) {
    soap_sender_fault(soap, message.c_str(), nullptr);
    auto *detail = soap_new_SOAP_ENV__Detail(soap);
    if (site) {
        auto *fault = soap_new_sf__RequestErrorFaultType(soap);
        fault->ExceptionCode = code;
        fault->ExceptionMessage = message;
        detail->sf__RequestErrorFault = fault;
    } else {
        auto *fault = soap_new_cf__RequestErrorFaultType(soap);
        fault->ExceptionCode = code;
        fault->ExceptionMessage = message;
        detail->cf__RequestErrorFault = fault;
    }
    soap->fault->detail = detail;
    // The request's headers must not be echoed into the fault response.
    soap->header = nullptr;
    return SOAP_FAULT;
}

// SHA-1 (FIPS 180-4) of `data`, 20 raw bytes: the hash of the UsernameToken profile's
// PasswordDigest. Written here so that the peer needs no crypto library.
std::string sha1(const std::string &data) {
    auto rotl = [](uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
    uint32_t h[5] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
    std::string msg = data;
    const uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
    msg.push_back(static_cast<char>(0x80));
    while (msg.size() % 64 != 56) msg.push_back('\0');
    for (int i = 7; i >= 0; --i) msg.push_back(static_cast<char>((bits >> (i * 8)) & 0xFF));
    for (size_t block = 0; block < msg.size(); block += 64) {
        uint32_t w[80];
        for (int i = 0; i < 16; ++i) {
            const auto *p = reinterpret_cast<const unsigned char *>(msg.data() + block + i * 4);
            w[i] = (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
        }
        for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            uint32_t f, k;
            if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999u; }
            else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1u; }
            else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDCu; }
            else { f = b ^ c ^ d; k = 0xCA62C1D6u; }
            const uint32_t t = rotl(a, 5) + f + e + k + w[i];
            e = d; d = c; c = rotl(b, 30); b = a; a = t;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
    }
    std::string out;
    for (uint32_t v : h)
        for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (i * 8)) & 0xFF));
    return out;
}

// PasswordDigest = Base64(SHA-1(nonce bytes + Created text + password)), over the exact
// characters of wsu:Created (the type map keeps it as text).
bool digest_matches(struct soap *soap, const wsse__UsernameTokenType *token) {
    if (!token->Nonce || !token->wsu__Created || !token->Password) return false;
    int length = 0;
    const char *nonce = soap_base642s(soap, token->Nonce->__item.c_str(), nullptr, 0, &length);
    if (!nonce || length <= 0) return false;
    const std::string digest = sha1(std::string(nonce, length) + token->wsu__Created + config.password);
    const char *expected = soap_s2base64(soap, reinterpret_cast<const unsigned char *>(digest.data()),
                                         nullptr, static_cast<int>(digest.size()));
    return expected && token->Password->__item == expected;
}

long text_logins = 0;
long digest_logins = 0;

// Checks the wsse:Security UsernameToken against the command line credentials (PasswordText,
// or PasswordDigest with Nonce and wsu:Created). Returns SOAP_OK or a RequestErrorFault.
int check_security(struct soap *soap, bool site) {
    const wsse__SecurityHeaderType *security = soap->header ? soap->header->wsse__Security : nullptr;
    if (!security || !security->UsernameToken || !security->UsernameToken->Username)
        return request_error(soap, site, "INVALID_LOGIN", "missing wsse:Security UsernameToken");
    const wsse__UsernameTokenType *token = security->UsernameToken;
    if (token->Username->__item != config.username || !token->Password)
        return request_error(soap, site, "INVALID_LOGIN", "invalid username or password");
    const bool digest = token->Password->Type && *token->Password->Type == interop::kPasswordDigest;
    const bool valid = digest ? digest_matches(soap, token) : token->Password->__item == config.password;
    if (!valid) return request_error(soap, site, "INVALID_LOGIN", "invalid username or password");
    ++(digest ? digest_logins : text_logins);
    return SOAP_OK;
}

// Checks ChatClientInfoHeader; for every operation but RequestChat also its SessionID, and
// returns the session through `out`.
int check_client_info(struct soap *soap, bool need_session, Session **out) {
    const common__ChatClientInfoHeader *info =
        soap->header ? soap->header->common__ChatClientInfoHeader_ : nullptr;
    if (!info || info->AppID.empty())
        return request_error(soap, false, "MISSING_ARGUMENT", "missing ChatClientInfoHeader/AppID");
    if (!need_session) return SOAP_OK;
    if (!info->SessionID)
        return request_error(soap, false, "MISSING_ARGUMENT", "missing ChatClientInfoHeader/SessionID");
    auto found = sessions.find(*info->SessionID);
    if (found == sessions.end())
        return request_error(soap, false, "BAD_ID", "unknown SessionID " + *info->SessionID);
    if (found->second.terminated)
        return request_error(soap, false, "BAD_REQUEST", "the chat has been terminated");
    *out = &found->second;
    return SOAP_OK;
}

int check_transaction(struct soap *soap, const eu__TransactionRequestData *data) {
    if (!data) return request_error(soap, false, "MISSING_ARGUMENT", "missing TransactionRequestData");
    if (data->SiteName != config.site_name)
        return request_error(soap, false, "INVALID_FIELD", "unknown SiteName " + data->SiteName);
    return SOAP_OK;
}

eu__TransactionResponseData *response_data(struct soap *soap, const eu__TransactionRequestData *req,
                                           long long client_id) {
    auto *data = soap_new_eu__TransactionResponseData(soap);
    // Echoed as text, empty when the client sent none (what the real server does).
    data->ClientRequestTime = soap_new_std__string(soap);
    if (req->ClientRequestTime) *data->ClientRequestTime = soap_dateTime2s(soap, *req->ClientRequestTime);
    data->ServiceStartTime = time(nullptr);
    data->ServiceFinishTime = data->ServiceStartTime;
    data->ClientID = client_id;
    data->ClientTransactionID = req->ClientTransactionID;
    return data;
}

// Every operation starts here: credentials first, then the operation's own header.
int begin(struct soap *soap, bool site) {
    int err = check_security(soap, site);
    if (err) return err;
    if (site && (!soap->header || !soap->header->site__ClientRequestHeader ||
                 soap->header->site__ClientRequestHeader->AppID.empty()))
        return request_error(soap, true, "MISSING_ARGUMENT", "missing ClientRequestHeader/AppID");
    return SOAP_OK;
}

bool parse_args(int argc, char **argv) {
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string key = argv[i];
        const char *value = argv[i + 1];
        if (key == "--port") config.port = std::atoi(value);
        else if (key == "--max-requests") config.max_requests = std::atol(value);
        else if (key == "--lifetime-secs") config.lifetime_secs = std::atol(value);
        else if (key == "--username") config.username = value;
        else if (key == "--password") config.password = value;
        else if (key == "--site-name") config.site_name = value;
        else if (key == "--chat-token") config.chat_token = value;
        else {
            std::fprintf(stderr, "chat_server: unknown option %s\n", key.c_str());
            return false;
        }
    }
    if (argc % 2 == 0) {
        std::fprintf(stderr, "chat_server: option %s has no value\n", argv[argc - 1]);
        return false;
    }
    if (config.username.empty() || config.password.empty() || config.max_requests <= 0 ||
        config.lifetime_secs <= 0) {
        std::fprintf(stderr,
                     "usage: chat_server --port P --max-requests N --lifetime-secs T "
                     "--username U --password W [--site-name S] [--chat-token K]\n");
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char **argv) {
    if (!parse_args(argc, argv)) return 2;
    struct soap *soap = soap_new1(SOAP_XML_STRICT | SOAP_C_UTFSTRING);
    soap->bind_flags = SO_REUSEADDR;
    soap->accept_timeout = 1;  // wake up every second to check the lifetime
    soap->recv_timeout = 10;
    soap->send_timeout = 10;
    if (!soap_valid_socket(soap_bind(soap, "127.0.0.1", config.port, 16))) {
        soap_print_fault(soap, stderr);
        return 1;
    }
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    if (getsockname(soap->master, reinterpret_cast<struct sockaddr *>(&addr), &len) != 0) {
        std::perror("getsockname");
        return 1;
    }
    int port = ntohs(addr.sin_port);
    chat_url = "http://127.0.0.1:" + std::to_string(port) + "/Chat/chat";
    std::printf("READY 127.0.0.1:%d\n", port);
    std::fflush(stdout);

    const time_t deadline = time(nullptr) + config.lifetime_secs;
    long served = 0;
    while (served < config.max_requests && time(nullptr) < deadline) {
        if (!soap_valid_socket(soap_accept(soap))) {
            if (soap->errnum == 0) continue;  // accept timeout: check the deadline again
            soap_print_fault(soap, stderr);
            break;
        }
        ++served;
        if (soap_serve(soap) != SOAP_OK) soap_print_fault(soap, stderr);
        soap_destroy(soap);
        soap_end(soap);
    }
    std::fprintf(stderr, "chat_server: %ld PasswordText and %ld PasswordDigest login(s)\n",
                 text_logins, digest_logins);
    std::fprintf(stderr, "chat_server: served %ld request(s), exiting\n", served);
    soap_destroy(soap);
    soap_end(soap);
    soap_free(soap);
    return 0;
}

// ------------------------------------------------------------------------- site operations

int __site__GetChatUrl(struct soap *soap, _site__GetChatUrl *req, _site__GetChatUrlResponse &resp) {
    int err = begin(soap, true);
    if (err) return err;
    if (req->UrlType != site__UrlType__ENDUSER)
        return request_error(soap, true, "INVALID_FIELD", "UrlType must be ENDUSER");
    auto *result = soap_new_site__ChatUrlResult(soap);
    result->ChatUrl = chat_url;
    result->ChatToken = config.chat_token;
    result->SiteName = config.site_name;
    resp.GetChatUrlResult = result;
    soap->header = nullptr;
    return SOAP_OK;
}

int __site__GetChatOperatingHours(struct soap *soap, _site__GetChatOperatingHours *,
                                  _site__GetChatOperatingHoursResponse &resp) {
    int err = begin(soap, true);
    if (err) return err;
    auto *result = soap_new_site__ChatOperatingHoursResult(soap);
    result->Intervals = soap_new_site__Intervals(soap);
    static const char *const days[] = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"};
    for (const char *day : days) {
        auto *interval = soap_new_site__Interval(soap);
        // Interval content is open (xs:any); these children mirror the fixtures.
        std::string xml = std::string("<site:DayOfWeek>") + day +
                          "</site:DayOfWeek><site:StartTime>00:00:00</site:StartTime>"
                          "<site:EndTime>23:59:59</site:EndTime>";
        interval->__any.push_back(soap_strdup(soap, xml.c_str()));
        result->Intervals->Interval.push_back(interval);
    }
    result->InOperatingHours = true;
    result->InHoliday = false;
    resp.GetChatOperatingHoursResult = result;
    soap->header = nullptr;
    return SOAP_OK;
}

// ------------------------------------------------------------------ chat-server operations

int __eu__RequestChat(struct soap *soap, _eu__RequestChat *req, _eu__RequestChatResponse &resp) {
    int err = begin(soap, false);
    if (!err) err = check_client_info(soap, false, nullptr);
    if (!err) err = check_transaction(soap, req->TransactionRequestData);
    if (err) return err;
    if (req->ChatSessionToken != config.chat_token)
        return request_error(soap, false, "INVALID_FIELD", "ChatSessionToken does not match GetChatUrl's ChatToken");
    if (!req->CustomerInformation)
        return request_error(soap, false, "MISSING_ARGUMENT", "missing CustomerInformation");
    ++session_counter;
    std::string id = "gsoap-session-" + std::to_string(session_counter);
    Session &session = sessions[id];
    session.engagement_id = 1000 + session_counter;
    session.client_id = 860 + session_counter;
    session.queue.push_back({true, kGreeting, time(nullptr)});

    resp.TransactionResponseData = response_data(soap, req->TransactionRequestData, session.client_id);
    resp.EngagementID = soap_new_common__ID(soap);
    resp.EngagementID->id = session.engagement_id;
    resp.ResultType = eu__ResultType__SUCCESS;
    resp.SessionID = soap_new_std__string(soap);
    *resp.SessionID = id;
    soap->header = nullptr;
    return SOAP_OK;
}

int __eu__RetrieveMessages(struct soap *soap, _eu__RetrieveMessages *req, _eu__RetrieveMessagesResponse &resp) {
    Session *session = nullptr;
    int err = begin(soap, false);
    if (!err) err = check_client_info(soap, true, &session);
    if (!err) err = check_transaction(soap, req->TransactionRequestData);
    if (err) return err;
    resp.TransactionResponseData = response_data(soap, req->TransactionRequestData, session->client_id);
    resp.SystemMessages = soap_new_eu__SystemMessages(soap);
    for (const Pending &p : session->queue) {
        __eu__union_SystemMessages item;
        if (p.participant_added) {
            auto *m = soap_new_eu__RNChatParticipantAddedMessage(soap);
            m->CreatedTime = p.created;
            m->Name = kAgentName;
            m->Greeting = soap_new_std__string(soap);
            *m->Greeting = p.text;
            m->ClientID = kAgentClientId;
            m->Role = eu__Role__LEAD;
            item.__union_SystemMessages = SOAP_UNION__eu__union_SystemMessages_RNChatParticipantAddedMessage;
            item.union_SystemMessages.RNChatParticipantAddedMessage = m;
        } else {
            auto *m = soap_new_eu__RNChatMessagePostedMessage(soap);
            m->CreatedTime = p.created;
            m->Body = p.text;
            m->ClientID = kAgentClientId;
            item.__union_SystemMessages = SOAP_UNION__eu__union_SystemMessages_RNChatMessagePostedMessage;
            item.union_SystemMessages.RNChatMessagePostedMessage = m;
        }
        resp.SystemMessages->__union_SystemMessages.push_back(item);
    }
    session->queue.clear();
    soap->header = nullptr;
    return SOAP_OK;
}

int __eu__PostChatMessage(struct soap *soap, _eu__PostChatMessage *req, _eu__PostChatMessageResponse &resp) {
    Session *session = nullptr;
    int err = begin(soap, false);
    if (!err) err = check_client_info(soap, true, &session);
    if (!err) err = check_transaction(soap, req->TransactionRequestData);
    if (err) return err;
    if (req->Body.empty()) return request_error(soap, false, "INVALID_FIELD", "empty Body");
    // The agent answers every line by quoting it.
    session->queue.push_back({false, "You said: " + req->Body, time(nullptr)});
    resp.TransactionResponseData = response_data(soap, req->TransactionRequestData, session->client_id);
    soap->header = nullptr;
    return SOAP_OK;
}

int __eu__SendActivityChange(struct soap *soap, _eu__SendActivityChange *req,
                             _eu__SendActivityChangeResponse &resp) {
    Session *session = nullptr;
    int err = begin(soap, false);
    if (!err) err = check_client_info(soap, true, &session);
    if (!err) err = check_transaction(soap, req->TransactionRequestData);
    if (err) return err;
    session->last_mode = soap_eu__EndUserActivityMode2s(soap, req->Mode);
    resp.TransactionResponseData = response_data(soap, req->TransactionRequestData, session->client_id);
    soap->header = nullptr;
    return SOAP_OK;
}

int __eu__TerminateChat(struct soap *soap, _eu__TerminateChat *req, _eu__TerminateChatResponse &resp) {
    Session *session = nullptr;
    int err = begin(soap, false);
    if (!err) err = check_client_info(soap, true, &session);
    if (!err) err = check_transaction(soap, req->TransactionRequestData);
    if (err) return err;
    session->terminated = true;
    resp.TransactionResponseData = response_data(soap, req->TransactionRequestData, session->client_id);
    soap->header = nullptr;
    return SOAP_OK;
}
