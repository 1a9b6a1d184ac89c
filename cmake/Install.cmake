# Installing lyncplan like the Debian tools beside it: the program, its man pages (scdoc),
# the shell completions it writes itself, the examples and the documentation; and the .deb that
# CPack builds from that tree (scripts/package).
include(GNUInstallDirs)
# scripts/package builds what the package needs itself; installing need not build the tests.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

find_program(SCDOC scdoc REQUIRED)
find_program(GZIP gzip REQUIRED)

set(pages lyncplan)
foreach(c init import plan simulate verify check scan results tenant cutover apply report certs logs rules
          completion)
  list(APPEND pages lyncplan-${c})
endforeach()
set(man_outputs "")
foreach(page ${pages})
  set(source ${PROJECT_SOURCE_DIR}/man/${page}.1.scd)
  set(output ${PROJECT_BINARY_DIR}/man/${page}.1.gz)
  add_custom_command(OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND sh -c "'${SCDOC}' < '${source}' > '${PROJECT_BINARY_DIR}/man/${page}.1' && '${GZIP}' -9nf '${PROJECT_BINARY_DIR}/man/${page}.1'"
    DEPENDS ${source} VERBATIM)
  list(APPEND man_outputs ${output})
endforeach()
add_custom_target(man_pages ALL DEPENDS ${man_outputs})

set(completion_dir ${PROJECT_BINARY_DIR}/completions)
set(completions ${completion_dir}/lyncplan ${completion_dir}/_lyncplan
                ${completion_dir}/lyncplan.fish)
add_custom_command(OUTPUT ${completions}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${completion_dir}
  COMMAND sh -c "'$<TARGET_FILE:lyncplan>' completion bash > '${completion_dir}/lyncplan'"
  COMMAND sh -c "'$<TARGET_FILE:lyncplan>' completion zsh > '${completion_dir}/_lyncplan'"
  COMMAND sh -c "'$<TARGET_FILE:lyncplan>' completion fish > '${completion_dir}/lyncplan.fish'"
  DEPENDS lyncplan VERBATIM)
add_custom_target(completions ALL DEPENDS ${completions})

set(changelog ${PROJECT_BINARY_DIR}/changelog.gz)
add_custom_command(OUTPUT ${changelog}
  COMMAND sh -c "'${GZIP}' -9nc '${PROJECT_SOURCE_DIR}/packaging/changelog' > '${changelog}'"
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/changelog VERBATIM)
add_custom_target(debian_changelog ALL DEPENDS ${changelog})

install(TARGETS lyncplan RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${man_outputs} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${completion_dir}/lyncplan
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${completion_dir}/_lyncplan DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${completion_dir}/lyncplan.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/topology.md
              ${PROJECT_SOURCE_DIR}/docs/topology.schema.json ${PROJECT_SOURCE_DIR}/docs/commands.md
              ${PROJECT_SOURCE_DIR}/docs/rules.md ${PROJECT_SOURCE_DIR}/docs/import.md
              ${PROJECT_SOURCE_DIR}/docs/bad-input.md ${PROJECT_SOURCE_DIR}/docs/discovery-model.md
              ${PROJECT_SOURCE_DIR}/packaging/copyright ${changelog}
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lyncplan)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "The lyncplan developers <developers@lyncplan.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "plans and checks DNS, certificates and proxies for Lync and Skype for Business")
set(CPACK_PACKAGE_DESCRIPTION
    "lyncplan plans everything a Microsoft Lync, Office Communications Server or
Skype for Business Server deployment needs from DNS, certificates, the
reverse proxy and the firewall, so that clients sign in, federate and join
meetings on the first try. From a topology file, or one imported from
Topology Builder, it derives every record, certificate, publishing rule and
port, and checks zone files, issued certificates and live deployments.")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# lyncplan runs none of these itself: they apply what it writes (nsupdate scripts, proxy
# configurations, OpenSSL requests).
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bind9-dnsutils, knot-dnsutils, nginx-light | haproxy, openssl")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
    GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
