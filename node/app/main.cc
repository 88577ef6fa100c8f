// guildhall: the node's only executable. Everything is in guildhall_app; this
// is the last line of defence for an exception nobody handled (STYLE 17).
#include <cstdio>
#include <exception>

#include "node/app/cli.h"

int main(int argc, char** argv) {
  try {
    return guildhall::app::RunCli(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "guildhall: fatal: %s\n", e.what());
    return guildhall::app::kExitFailure;
  }
}
