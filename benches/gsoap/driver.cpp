// Benchmark driver for gSOAP bindings generated at bench time from wsdl/oracle/chat-server.wsdl
// (wsdl2h + soapcpp2 into the build directory; the generated code is never committed).
//
// Usage: driver <retrieve|request-chat> <input.xml> <iterations> <runs>
// Decodes the whole SOAP envelope of <input.xml> (header and body) and encodes it back into a
// memory buffer, <iterations> times per run, and prints the median over <runs> runs:
//   decode_ns <ns per message>
//   encode_ns <ns per message>
//   encode_bytes <size of the encoded envelope>
//   items <system messages decoded, or custom fields of RequestChat's top-level objects>
// Input comes from memory (frecv), output goes to memory (fsend): no I/O is timed.
//
// This file is ours (soapstone, MIT OR Apache-2.0); it includes gSOAP-generated headers only at
// build time.

#include "soapH.h"
#include "ChatServerBinding.nsmap"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Io {
  const char *in = nullptr;
  size_t in_len = 0;
  size_t in_pos = 0;
  std::string out;
};

size_t mem_recv(struct soap *soap, char *buf, size_t len) {
  Io *io = static_cast<Io *>(soap->user);
  size_t n = std::min(len, io->in_len - io->in_pos);
  std::memcpy(buf, io->in + io->in_pos, n);
  io->in_pos += n;
  return n;
}

int mem_send(struct soap *soap, const char *s, size_t n) {
  static_cast<Io *>(soap->user)->out.append(s, n);
  return SOAP_OK;
}

// The decode/encode pair for one payload element, following what the generated
// soap_recv_/soap_send_ functions do around the envelope.
struct Retrieve {
  _eu__RetrieveMessagesResponse value;
  // Messages decoded into one of the six named kinds (not the ##other wildcard): proves the
  // decode did the work instead of skipping unknown elements.
  size_t items() const {
    size_t n = 0;
    if (value.SystemMessages)
      for (const auto &m : value.SystemMessages->__union_SystemMessages)
        n += m.__union_SystemMessages != SOAP_UNION__eu__union_SystemMessages___any;
    return n;
  }
  int decode(struct soap *soap) {
    value.soap_default(soap);
    if (soap_begin_recv(soap) || soap_envelope_begin_in(soap) || soap_recv_header(soap) ||
        soap_body_begin_in(soap))
      return soap->error;
    if (!soap_get__eu__RetrieveMessagesResponse(soap, &value, "eu:RetrieveMessagesResponse", nullptr))
      return soap->error;
    if (soap_body_end_in(soap) || soap_envelope_end_in(soap) || soap_end_recv(soap))
      return soap->error;
    return SOAP_OK;
  }
  int encode(struct soap *soap) {
    soap_serializeheader(soap);
    value.soap_serialize(soap);
    if (soap_begin_send(soap) || soap_envelope_begin_out(soap) || soap_putheader(soap) ||
        soap_body_begin_out(soap) ||
        value.soap_out(soap, "eu:RetrieveMessagesResponse", -1, "") ||
        soap_body_end_out(soap) || soap_envelope_end_out(soap) || soap_end_send(soap))
      return soap->error;
    return SOAP_OK;
  }
};

struct RequestChat {
  _eu__RequestChat value;
  size_t items() const {
    size_t n = 0;
    for (const auto *o : value.CustomFields) n += o ? o->GenericFields.size() : 0;
    return n;
  }
  int decode(struct soap *soap) {
    value.soap_default(soap);
    if (soap_begin_recv(soap) || soap_envelope_begin_in(soap) || soap_recv_header(soap) ||
        soap_body_begin_in(soap))
      return soap->error;
    if (!soap_get__eu__RequestChat(soap, &value, "eu:RequestChat", nullptr))
      return soap->error;
    if (soap_body_end_in(soap) || soap_envelope_end_in(soap) || soap_end_recv(soap))
      return soap->error;
    return SOAP_OK;
  }
  int encode(struct soap *soap) {
    soap_serializeheader(soap);
    value.soap_serialize(soap);
    if (soap_begin_send(soap) || soap_envelope_begin_out(soap) || soap_putheader(soap) ||
        soap_body_begin_out(soap) ||
        value.soap_out(soap, "eu:RequestChat", -1, "") ||
        soap_body_end_out(soap) || soap_envelope_end_out(soap) || soap_end_send(soap))
      return soap->error;
    return SOAP_OK;
  }
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

void fail(struct soap *soap, const char *what) {
  std::fprintf(stderr, "gSOAP %s failed: ", what);
  soap_print_fault(soap, stderr);
  std::exit(2);
}

template <typename Op>
int run(const std::string &input, long iterations, int runs) {
  using clock = std::chrono::steady_clock;
  struct soap *soap = soap_new1(SOAP_C_UTFSTRING);
  Io io;
  io.in = input.data();
  io.in_len = input.size();
  soap->user = &io;
  soap->frecv = mem_recv;
  soap->fsend = mem_send;

  std::vector<double> decode_ns, encode_ns;
  for (int r = 0; r < runs; r++) {
    auto t0 = clock::now();
    for (long i = 0; i < iterations; i++) {
      Op op;
      io.in_pos = 0;
      if (op.decode(soap) != SOAP_OK) fail(soap, "decode");
      // Decoded data lives in the context's arena; freeing it is part of the decode cost.
      soap_destroy(soap);
      soap_end(soap);
    }
    auto t1 = clock::now();
    decode_ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / iterations);
  }

  // Encode from a value decoded once (the pre-built value), kept alive across the runs.
  Op op;
  io.in_pos = 0;
  if (op.decode(soap) != SOAP_OK) fail(soap, "decode");
  size_t items = op.items();
  io.out.reserve(input.size() * 2);
  size_t encoded = 0;
  for (int r = 0; r < runs; r++) {
    auto t0 = clock::now();
    for (long i = 0; i < iterations; i++) {
      io.out.clear();
      if (op.encode(soap) != SOAP_OK) fail(soap, "encode");
    }
    auto t1 = clock::now();
    encoded = io.out.size();
    encode_ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / iterations);
  }
  soap_destroy(soap);
  soap_end(soap);
  soap_free(soap);

  std::printf("decode_ns %.1f\nencode_ns %.1f\nencode_bytes %zu\nitems %zu\n", median(decode_ns),
              median(encode_ns), encoded, items);
  return 0;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s <retrieve|request-chat> <input.xml> <iterations> <runs>\n", argv[0]);
    return 1;
  }
  std::ifstream file(argv[2], std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "cannot read %s\n", argv[2]);
    return 1;
  }
  std::stringstream buf;
  buf << file.rdbuf();
  std::string input = buf.str();
  long iterations = std::atol(argv[3]);
  int runs = std::atoi(argv[4]);
  if (iterations < 1 || runs < 1) {
    std::fprintf(stderr, "iterations and runs must be positive\n");
    return 1;
  }
  std::string kind = argv[1];
  if (kind == "retrieve") return run<Retrieve>(input, iterations, runs);
  if (kind == "request-chat") return run<RequestChat>(input, iterations, runs);
  std::fprintf(stderr, "unknown kind %s\n", argv[1]);
  return 1;
}
