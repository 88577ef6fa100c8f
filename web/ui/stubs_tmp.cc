#include "web/ui/ui_router.h"
namespace guildhall::web {
void RegisterProfilePages(UiRouter&) {}
void RegisterGroupAdminPages(UiRouter&) {}
void RegisterEventPages(UiRouter&) {}
void RegisterLibraryPages(UiRouter&) {}
void RegisterNotificationPages(UiRouter&) {}
void RegisterModerationPages(UiRouter&) {}
void RegisterAdminPages(UiRouter&) {}
}
