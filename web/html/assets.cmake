# Included by web/CMakeLists.txt after the `web` target exists: embeds the
# page templates and static files into the library at build time (see
# embed_assets.cmake), and adds what the HTML pages link against.
file(GLOB_RECURSE gh_web_assets CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/html/templates/*.mustache
     ${CMAKE_CURRENT_SOURCE_DIR}/static/*.css
     ${CMAKE_CURRENT_SOURCE_DIR}/static/*.js
     ${CMAKE_CURRENT_SOURCE_DIR}/static/*.svg)
set(gh_embedded_cc ${CMAKE_CURRENT_BINARY_DIR}/embedded_assets.cc)
add_custom_command(
  OUTPUT ${gh_embedded_cc}
  COMMAND ${CMAKE_COMMAND} -DROOT=${CMAKE_CURRENT_SOURCE_DIR} -DOUT=${gh_embedded_cc}
          "-DFILES=${gh_web_assets}" -P ${CMAKE_CURRENT_SOURCE_DIR}/html/embed_assets.cmake
  DEPENDS ${gh_web_assets} ${CMAKE_CURRENT_SOURCE_DIR}/html/embed_assets.cmake
  COMMENT "Embedding web templates and static files"
  VERBATIM)
target_sources(web PRIVATE ${gh_embedded_cc})
# kainjow-mustache is header-only (/usr/include/kainjow/mustache.hpp).
target_link_libraries(web PUBLIC federation community)
# Designated initializers name only the fields that matter (as in community/).
target_compile_options(web PRIVATE -Wno-missing-field-initializers)
