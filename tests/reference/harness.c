/* Reference client: a headless libpurple program that signs one prpl-sipe account in with no
 * server configured, so pidgin-sipe runs its own discovery; libpurple's debug output goes to
 * stdout. Usage: harness USER SECONDS [auto|tls|tcp] */
#include <glib.h>
#include <purple.h>
#include <stdio.h>
#include <stdlib.h>

#define UI_ID "lyncplan-reference"

typedef struct {
  PurpleInputFunction function;
  gpointer data;
} Watch;

static gboolean on_io(GIOChannel *channel, GIOCondition condition, gpointer data) {
  Watch *watch = data;
  int purple_condition = 0;
  if (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR))
    purple_condition |= PURPLE_INPUT_READ;
  if (condition & (G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL))
    purple_condition |= PURPLE_INPUT_WRITE;
  watch->function(watch->data, g_io_channel_unix_get_fd(channel), purple_condition);
  return TRUE;
}

static guint add_input(gint fd, PurpleInputCondition condition, PurpleInputFunction function,
                       gpointer data) {
  Watch *watch = g_new0(Watch, 1);
  int glib_condition = 0;
  watch->function = function;
  watch->data = data;
  if (condition & PURPLE_INPUT_READ)
    glib_condition |= G_IO_IN | G_IO_HUP | G_IO_ERR;
  if (condition & PURPLE_INPUT_WRITE)
    glib_condition |= G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL;
  GIOChannel *channel = g_io_channel_unix_new(fd);
  guint id = g_io_add_watch_full(channel, G_PRIORITY_DEFAULT, glib_condition, on_io, watch, g_free);
  g_io_channel_unref(channel);
  return id;
}

static PurpleEventLoopUiOps event_loop = {g_timeout_add, g_source_remove, add_input,
                                          g_source_remove, NULL, g_timeout_add_seconds,
                                          NULL, NULL, NULL};
static GMainLoop *main_loop;

static gboolean stop(gpointer unused) {
  (void)unused;
  g_main_loop_quit(main_loop);
  return FALSE;
}

static void on_signed_on(PurpleConnection *connection, gpointer unused) {
  (void)connection;
  (void)unused;
  printf("REFERENCE: signed-on\n");
}

static void on_error(PurpleConnection *connection, PurpleConnectionError error,
                     const char *description, gpointer unused) {
  (void)connection;
  (void)unused;
  printf("REFERENCE: connection-error %d: %s\n", error, description);
  fflush(stdout);
  g_timeout_add(200, stop, NULL); /* discovery is over: do not wait for the time limit */
}

int main(int argc, char **argv) {
  const char *user = argc > 1 ? argv[1] : "alice@contoso.com";
  const int seconds = argc > 2 ? atoi(argv[2]) : 20;
  const char *transport = argc > 3 ? argv[3] : "auto";
  static int handle;
  setvbuf(stdout, NULL, _IOLBF, 0);
  main_loop = g_main_loop_new(NULL, FALSE);
  purple_util_set_user_dir(g_dir_make_tmp("lyncplan-reference-XXXXXX", NULL));
  purple_debug_set_enabled(TRUE);
  purple_eventloop_set_ui_ops(&event_loop);
  purple_plugins_add_search_path("/usr/lib/purple-2"); /* where Debian installs libsipe.so */
  if (!purple_core_init(UI_ID)) {
    fprintf(stderr, "purple_core_init failed\n");
    return 2;
  }
  purple_set_blist(purple_blist_new());
  purple_blist_load();
  purple_prefs_load();
  purple_plugins_load_saved("/purple/" UI_ID "/plugins/loaded");
  if (!purple_find_prpl("prpl-sipe")) {
    fprintf(stderr, "prpl-sipe not found\n");
    return 3;
  }
  PurpleAccount *account = purple_account_new(user, "prpl-sipe");
  purple_account_set_password(account, "not-a-real-password");
  purple_account_set_string(account, "server", "");
  purple_account_set_string(account, "transport", transport);
  purple_account_set_proxy_info(account, purple_proxy_info_new());
  purple_accounts_add(account);
  purple_signal_connect(purple_connections_get_handle(), "signed-on", &handle,
                        PURPLE_CALLBACK(on_signed_on), NULL);
  purple_signal_connect(purple_connections_get_handle(), "connection-error", &handle,
                        PURPLE_CALLBACK(on_error), NULL);
  purple_account_set_enabled(account, UI_ID, TRUE);
  purple_savedstatus_activate(purple_savedstatus_new(NULL, PURPLE_STATUS_AVAILABLE));
  g_timeout_add_seconds(seconds, stop, NULL);
  g_main_loop_run(main_loop);
  printf("REFERENCE: done\n");
  return 0; /* no purple_core_quit: only the trace matters */
}
