// Shared by the gSOAP interop drivers (ours). soapH.h is generated at test time (see
// tests/src/interop.rs) from wsdl/oracle/chat-server.wsdl and chat-site-v1_2.wsdl with the type
// map tests/interop/gsoap-typemap.dat, which fixes the C++ prefixes used below.
#ifndef SOAPSTONE_INTEROP_CHAT_COMMON_H
#define SOAPSTONE_INTEROP_CHAT_COMMON_H

#include "soapH.h"

namespace interop {

// wsdl2h names the enumeration values after the full token-profile URIs.
const enum wsse__PasswordType kPasswordText =
    wsse__PasswordType__http_x003a_x002f_x002fdocs_x002eoasis_open_x002eorg_x002fwss_x002f2004_x002f01_x002foasis_200401_wss_username_token_profile_1_x002e0_x0023PasswordText;
const enum wsse__PasswordType kPasswordDigest =
    wsse__PasswordType__http_x003a_x002f_x002fdocs_x002eoasis_open_x002eorg_x002fwss_x002f2004_x002f01_x002foasis_200401_wss_username_token_profile_1_x002e0_x0023PasswordDigest;

}  // namespace interop

#endif
