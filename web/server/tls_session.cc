// The TLS instantiation of the session coroutine (see session.h).
#include <boost/beast/ssl/ssl_stream.hpp>

#include "web/server/session.h"

namespace guildhall::web::server_internal {

void SpawnTlsSession(ServerCore& core, std::shared_ptr<Connection> conn, tcp::socket socket,
                     net::ssl::context& tls) {
  std::string remote = RemoteAddress(socket);
  Spawn(core, std::move(conn), beast::ssl_stream<beast::tcp_stream>(std::move(socket), tls),
        /*secure=*/true, std::move(remote));
}

}  // namespace guildhall::web::server_internal
