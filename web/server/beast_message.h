// Private to web/server: conversion between Beast messages and the neutral
// Request/Response of web/http, kept out of the session TUs so the Beast
// message templates are compiled once. Stateless; thread-safe.
#pragma once

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/message_generator.hpp>
#include <optional>

#include "web/http/message.h"

namespace guildhall::web::server_internal {

// Fills method, target, path, query and headers from a parsed request header.
void FromBeast(const boost::beast::http::request_header<>& header, Request& req);

// The wire form of `res`: Date, Server, Content-Length, Connection set;
// body omitted for HEAD (Content-Length kept); file_path streamed from disk
// (404 if it cannot be opened). `status` receives the status actually sent.
boost::beast::http::message_generator ToBeast(Response res, const Request& req, unsigned version,
                                              bool keep_alive, unsigned& status);

// 400 for a request without exactly one Host header where RFC 9112 3.2 asks
// for one (HTTP/1.1 needs one; no version may send two); nullopt when fine.
std::optional<Response> HostProblem(const boost::beast::http::request_header<>& header,
                                    const Request& req);

// The answer to a request that failed to parse: 431 header too large, 413
// body too large, 400 malformed; nullopt when the peer merely went away or
// timed out (nothing to answer).
std::optional<Response> RejectionFor(boost::beast::error_code ec, const Request& req);

}  // namespace guildhall::web::server_internal
