// The plain-TCP instantiation of the session coroutine (see session.h).
#include "web/server/session.h"

namespace guildhall::web::server_internal {

void SpawnPlainSession(ServerCore& core, std::shared_ptr<Connection> conn, tcp::socket socket) {
  std::string remote = RemoteAddress(socket);
  Spawn(core, std::move(conn), beast::tcp_stream(std::move(socket)), /*secure=*/false,
        std::move(remote));
}

}  // namespace guildhall::web::server_internal
