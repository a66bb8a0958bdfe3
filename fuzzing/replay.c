/* Run a fuzzing harness over saved inputs, without libFuzzer: each
 * argument is a file, or a directory whose files are all run.  This
 * is how the test suite replays the corpus with any compiler.
 * Copyright (C) the authors.  LGPL-2.1-or-later, see COPYING.LIB.
 */

#include <config.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static unsigned inputs;

static void
replay_file (const char *path)
{
  FILE *fp = fopen (path, "rb");
  uint8_t *data;
  long size;

  if (fp == NULL || fseek (fp, 0, SEEK_END) == -1 ||
      (size = ftell (fp)) == -1 || fseek (fp, 0, SEEK_SET) == -1) {
    perror (path);
    exit (EXIT_FAILURE);
  }
  /* One spare byte: malloc (0) may return NULL. */
  data = malloc (size + 1);
  if (data == NULL || fread (data, 1, size, fp) != (size_t) size) {
    perror (path);
    exit (EXIT_FAILURE);
  }
  fclose (fp);
  LLVMFuzzerTestOneInput (data, size);
  free (data);
  inputs++;
}

static void
replay_dir (const char *path)
{
  struct dirent **names;
  char *file;
  int i, n = scandir (path, &names, NULL, alphasort);

  if (n == -1) {
    perror (path);
    exit (EXIT_FAILURE);
  }
  for (i = 0; i < n; i++) {
    if (names[i]->d_name[0] != '.') {
      if (asprintf (&file, "%s/%s", path, names[i]->d_name) == -1) {
        perror ("asprintf");
        exit (EXIT_FAILURE);
      }
      replay_file (file);
      free (file);
    }
    free (names[i]);
  }
  free (names);
}

int
main (int argc, char *argv[])
{
  struct stat st;
  int i;

  for (i = 1; i < argc; i++) {
    if (stat (argv[i], &st) == -1) {
      perror (argv[i]);
      exit (EXIT_FAILURE);
    }
    if (S_ISDIR (st.st_mode))
      replay_dir (argv[i]);
    else
      replay_file (argv[i]);
  }
  printf ("%s: %u inputs replayed\n", argv[0], inputs);
  return EXIT_SUCCESS;
}
