// Oracle B2C chat client built on gSOAP, an independent SOAP stack for soapstone's interop tests.
// Runs the whole end-user flow against a site endpoint:
//   GetChatOperatingHours -> GetChatUrl -> RequestChat (on the returned ChatUrl) ->
//   SendActivityChange -> PostChatMessage -> RetrieveMessages (until the agent has joined and
//   replied) -> TerminateChat
// with a wsse:Security UsernameToken (PasswordText) and the operation's client header
// (ClientRequestHeader on the site, ChatClientInfoHeader on the chat server) on every call.
// Prints one transcript line per step on stdout; any fault or unexpected answer prints
// "FAILED ..." on stderr and exits 1.
//
// The gSOAP code it includes is generated at test time by tests/src/interop.rs, never committed.
//
// Usage: chat_client --endpoint URL --username U --password W
//                    [--app-id A] [--message TEXT] [--timeout-secs T]

#include "chat_common.h"
#include "ChatServerBinding.nsmap"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <unistd.h>

namespace {

struct Config {
    std::string endpoint;
    std::string username;
    std::string password;
    std::string app_id = "soapstone gSOAP interop client";
    std::string message = "Hello from gSOAP";
    long timeout_secs = 30;
};

Config config;
long long transaction_id = 0;

[[noreturn]] void fail(struct soap *soap, const char *step) {
    std::fprintf(stderr, "FAILED %s: ", step);
    // A received fault is SOAP_CLI_FAULT, SOAP_SVR_FAULT or SOAP_FAULT by its faultcode.
    if (soap->fault && (soap->error == SOAP_FAULT || soap->error == SOAP_CLI_FAULT || soap->error == SOAP_SVR_FAULT)) {
        const char *code = *soap_faultcode(soap);
        const char *text = *soap_faultstring(soap);
        std::fprintf(stderr, "SOAP fault %s: %s", code ? code : "(none)", text ? text : "(none)");
        const SOAP_ENV__Detail *detail = soap->fault->detail;
        const cf__RNFault *chat = nullptr;
        const sf__RNFault *site = nullptr;
        const char *kind = nullptr;
        if (detail) {
            if (detail->cf__RequestErrorFault) chat = detail->cf__RequestErrorFault, kind = "RequestErrorFault";
            else if (detail->cf__ServerErrorFault) chat = detail->cf__ServerErrorFault, kind = "ServerErrorFault";
            else if (detail->cf__UnexpectedErrorFault) chat = detail->cf__UnexpectedErrorFault, kind = "UnexpectedErrorFault";
            else if (detail->sf__RequestErrorFault) site = detail->sf__RequestErrorFault, kind = "RequestErrorFault";
            else if (detail->sf__ServerErrorFault) site = detail->sf__ServerErrorFault, kind = "ServerErrorFault";
            else if (detail->sf__UnexpectedErrorFault) site = detail->sf__UnexpectedErrorFault, kind = "UnexpectedErrorFault";
        }
        if (chat) std::fprintf(stderr, " [%s %s: %s]", kind, chat->ExceptionCode.c_str(), chat->ExceptionMessage.c_str());
        if (site) std::fprintf(stderr, " [%s %s: %s]", kind, site->ExceptionCode.c_str(), site->ExceptionMessage.c_str());
        std::fprintf(stderr, "\n");
    } else if (soap->error) {
        soap_print_fault(soap, stderr);
    } else {
        std::fprintf(stderr, "unexpected answer\n");
    }
    std::exit(1);
}

[[noreturn]] void fail_msg(const char *step, const std::string &why) {
    std::fprintf(stderr, "FAILED %s: %s\n", step, why.c_str());
    std::exit(1);
}

wsse__SecurityHeaderType *security(struct soap *soap) {
    auto *token = soap_new_wsse__UsernameTokenType(soap);
    token->wsu__Id = soap_strdup(soap, "UsernameToken-1");
    token->Username = soap_new_wsse__AttributedString(soap);
    token->Username->__item = config.username;
    token->Password = soap_new_wsse__PasswordString(soap);
    token->Password->__item = config.password;
    token->Password->Type = static_cast<enum wsse__PasswordType *>(soap_malloc(soap, sizeof(enum wsse__PasswordType)));
    *token->Password->Type = interop::kPasswordText;
    auto *sec = soap_new_wsse__SecurityHeaderType(soap);
    sec->UsernameToken = token;
    return sec;
}

void site_headers(struct soap *soap) {
    soap->header = soap_new_SOAP_ENV__Header(soap);
    soap->header->site__ClientRequestHeader = soap_new__site__ClientRequestHeader(soap);
    soap->header->site__ClientRequestHeader->AppID = config.app_id;
    soap->header->wsse__Security = security(soap);
}

void chat_headers(struct soap *soap, const std::string *session_id) {
    soap->header = soap_new_SOAP_ENV__Header(soap);
    auto *info = soap_new_common__ChatClientInfoHeader(soap);
    info->AppID = config.app_id;
    if (session_id) {
        info->SessionID = soap_new_std__string(soap);
        *info->SessionID = *session_id;
    }
    soap->header->common__ChatClientInfoHeader_ = info;
    soap->header->wsse__Security = security(soap);
}

eu__TransactionRequestData *transaction(struct soap *soap, const std::string &site_name) {
    auto *data = soap_new_eu__TransactionRequestData(soap);
    data->ClientRequestTime = static_cast<time_t *>(soap_malloc(soap, sizeof(time_t)));
    *data->ClientRequestTime = time(nullptr);
    data->ClientTransactionID = ++transaction_id;
    data->SiteName = site_name;
    return data;
}

bool parse_args(int argc, char **argv) {
    if (argc % 2 == 0) {
        std::fprintf(stderr, "chat_client: option %s has no value\n", argv[argc - 1]);
        return false;
    }
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string key = argv[i];
        const char *value = argv[i + 1];
        if (key == "--endpoint") config.endpoint = value;
        else if (key == "--username") config.username = value;
        else if (key == "--password") config.password = value;
        else if (key == "--app-id") config.app_id = value;
        else if (key == "--message") config.message = value;
        else if (key == "--timeout-secs") config.timeout_secs = std::atol(value);
        else {
            std::fprintf(stderr, "chat_client: unknown option %s\n", key.c_str());
            return false;
        }
    }
    if (config.endpoint.empty() || config.username.empty() || config.timeout_secs <= 0) {
        std::fprintf(stderr,
                     "usage: chat_client --endpoint URL --username U --password W "
                     "[--app-id A] [--message TEXT] [--timeout-secs T]\n");
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char **argv) {
    if (!parse_args(argc, argv)) return 2;
    struct soap *soap = soap_new1(SOAP_XML_STRICT | SOAP_C_UTFSTRING);
    soap->connect_timeout = 10;
    soap->recv_timeout = 30;
    soap->send_timeout = 10;
    const char *site = config.endpoint.c_str();

    // GetChatOperatingHours
    {
        _site__GetChatOperatingHours req;
        _site__GetChatOperatingHoursResponse resp;
        site_headers(soap);
        if (soap_call___site__GetChatOperatingHours(soap, site, nullptr, &req, resp)) fail(soap, "GetChatOperatingHours");
        const site__ChatOperatingHoursResult *r = resp.GetChatOperatingHoursResult;
        if (!r || !r->Intervals) fail_msg("GetChatOperatingHours", "no result");
        std::printf("GetChatOperatingHours: InOperatingHours=%s InHoliday=%s Intervals=%zu\n",
                    r->InOperatingHours ? "true" : "false", r->InHoliday ? "true" : "false",
                    r->Intervals->Interval.size());
        if (!r->InOperatingHours) fail_msg("GetChatOperatingHours", "the site is closed");
    }

    // GetChatUrl
    std::string chat_url, chat_token, site_name;
    {
        _site__GetChatUrl req;
        req.UrlType = site__UrlType__ENDUSER;
        req.Version = "1.2";
        _site__GetChatUrlResponse resp;
        site_headers(soap);
        if (soap_call___site__GetChatUrl(soap, site, nullptr, &req, resp)) fail(soap, "GetChatUrl");
        if (!resp.GetChatUrlResult) fail_msg("GetChatUrl", "no GetChatUrlResult");
        chat_url = resp.GetChatUrlResult->ChatUrl;
        chat_token = resp.GetChatUrlResult->ChatToken;
        site_name = resp.GetChatUrlResult->SiteName;
        std::printf("GetChatUrl: ChatUrl=%s ChatToken=%s SiteName=%s\n", chat_url.c_str(),
                    chat_token.c_str(), site_name.c_str());
    }
    const char *chat = chat_url.c_str();

    // RequestChat
    std::string session_id;
    long long own_client_id = 0;
    {
        _eu__RequestChat req;
        req.TransactionRequestData = transaction(soap, site_name);
        req.CustomerInformation = soap_new_common__CustomerInformation(soap);
        req.CustomerInformation->EMailAddress = soap_new_std__string(soap);
        *req.CustomerInformation->EMailAddress = "gsoap.client@example.invalid";
        req.CustomerInformation->FirstName = soap_new_std__string(soap);
        *req.CustomerInformation->FirstName = "Gee";
        req.CustomerInformation->LastName = soap_new_std__string(soap);
        *req.CustomerInformation->LastName = "Soap";
        req.CustomerInformation->InterfaceID = soap_new_common__NamedID(soap);
        req.CustomerInformation->InterfaceID->ID = soap_new_common__ID(soap);
        req.CustomerInformation->InterfaceID->ID->id = 1;
        req.ChatSessionToken = chat_token;
        _eu__RequestChatResponse resp;
        chat_headers(soap, nullptr);
        if (soap_call___eu__RequestChat(soap, chat, nullptr, &req, resp)) fail(soap, "RequestChat");
        if (resp.ResultType != eu__ResultType__SUCCESS)
            fail_msg("RequestChat", std::string("ResultType ") + soap_eu__ResultType2s(soap, resp.ResultType));
        if (!resp.SessionID || !resp.TransactionResponseData) fail_msg("RequestChat", "no SessionID");
        session_id = *resp.SessionID;
        own_client_id = resp.TransactionResponseData->ClientID;
        std::printf("RequestChat: ResultType=SUCCESS SessionID=%s EngagementID=%lld ClientID=%lld\n",
                    session_id.c_str(), resp.EngagementID ? static_cast<long long>(resp.EngagementID->id) : -1LL,
                    own_client_id);
    }

    // SendActivityChange
    {
        _eu__SendActivityChange req;
        req.TransactionRequestData = transaction(soap, site_name);
        req.Mode = eu__EndUserActivityMode__RESPONDING;
        _eu__SendActivityChangeResponse resp;
        chat_headers(soap, &session_id);
        if (soap_call___eu__SendActivityChange(soap, chat, nullptr, &req, resp)) fail(soap, "SendActivityChange");
        if (!resp.TransactionResponseData) fail_msg("SendActivityChange", "no TransactionResponseData");
        std::printf("SendActivityChange: Mode=RESPONDING ClientTransactionID=%lld\n",
                    static_cast<long long>(resp.TransactionResponseData->ClientTransactionID));
    }

    // PostChatMessage
    {
        _eu__PostChatMessage req;
        req.TransactionRequestData = transaction(soap, site_name);
        req.Body = config.message;
        _eu__PostChatMessageResponse resp;
        chat_headers(soap, &session_id);
        if (soap_call___eu__PostChatMessage(soap, chat, nullptr, &req, resp)) fail(soap, "PostChatMessage");
        if (!resp.TransactionResponseData) fail_msg("PostChatMessage", "no TransactionResponseData");
        std::printf("PostChatMessage: Body=\"%s\"\n", config.message.c_str());
    }

    // RetrieveMessages until the agent has joined and then answered.
    {
        bool joined = false, replied = false;
        const time_t deadline = time(nullptr) + config.timeout_secs;
        while (!replied) {
            if (time(nullptr) >= deadline) fail_msg("RetrieveMessages", "the agent did not reply in time");
            _eu__RetrieveMessages req;
            req.TransactionRequestData = transaction(soap, site_name);
            _eu__RetrieveMessagesResponse resp;
            chat_headers(soap, &session_id);
            if (soap_call___eu__RetrieveMessages(soap, chat, nullptr, &req, resp)) fail(soap, "RetrieveMessages");
            size_t count = resp.SystemMessages ? resp.SystemMessages->__union_SystemMessages.size() : 0;
            for (size_t i = 0; i < count; ++i) {
                const __eu__union_SystemMessages &m = resp.SystemMessages->__union_SystemMessages[i];
                switch (m.__union_SystemMessages) {
                case SOAP_UNION__eu__union_SystemMessages_RNChatParticipantAddedMessage: {
                    const auto *p = m.union_SystemMessages.RNChatParticipantAddedMessage;
                    std::printf("RetrieveMessages: RNChatParticipantAddedMessage Name=\"%s\" Greeting=\"%s\" ClientID=%lld Role=%s\n",
                                p->Name.c_str(), p->Greeting ? p->Greeting->c_str() : "",
                                static_cast<long long>(p->ClientID), soap_eu__Role2s(soap, p->Role));
                    joined = true;
                    break;
                }
                case SOAP_UNION__eu__union_SystemMessages_RNChatMessagePostedMessage: {
                    const auto *p = m.union_SystemMessages.RNChatMessagePostedMessage;
                    std::printf("RetrieveMessages: RNChatMessagePostedMessage Body=\"%s\" ClientID=%lld\n",
                                p->Body.c_str(), static_cast<long long>(p->ClientID));
                    if (p->ClientID != own_client_id) {
                        if (!joined) fail_msg("RetrieveMessages", "the agent posted before joining");
                        replied = true;
                    }
                    break;
                }
                default:
                    std::printf("RetrieveMessages: other system message (union member %d)\n", m.__union_SystemMessages);
                    break;
                }
            }
            if (!replied && count == 0) usleep(200 * 1000);
        }
    }

    // TerminateChat
    {
        _eu__TerminateChat req;
        req.TransactionRequestData = transaction(soap, site_name);
        _eu__TerminateChatResponse resp;
        chat_headers(soap, &session_id);
        if (soap_call___eu__TerminateChat(soap, chat, nullptr, &req, resp)) fail(soap, "TerminateChat");
        if (!resp.TransactionResponseData) fail_msg("TerminateChat", "no TransactionResponseData");
        std::printf("TerminateChat: ok\n");
    }

    std::printf("DONE\n");
    std::fflush(stdout);
    soap_destroy(soap);
    soap_end(soap);
    soap_free(soap);
    return 0;
}
