/*
 * runtime - run a command K times; report wall time and peak RSS of each run.
 *
 * Build:  cc -O2 -static -o runtime runtime.c   (or without -static; libc only)
 * Use:    runtime [-n K] [-t SEC] [-o FILE] [-e FILE] [-i FILE] -- PROG [ARG...]
 *         runtime -F
 *
 *   -n K     runs (default 1)
 *   -t SEC   per-run timeout, seconds, fractions allowed (default 300); on expiry
 *            the run's process group is killed with SIGKILL
 *   -o FILE  stdout of every run (truncated each run; default /dev/null)
 *   -e FILE  stderr of every run (default: inherited)
 *   -i FILE  stdin (default /dev/null)
 *   -F       print the RSS floor (KB) and exit: ru_maxrss of a run whose exec
 *            fails, i.e. what the forked copy of this process already had
 *
 * One line per run on stdout:
 *
 *   RUN WALL_MS MAXRSS_KB STATUS USER_MS SYS_MS
 *
 * WALL_MS is CLOCK_MONOTONIC from just before fork() to wait4() returning, so
 * it includes exec and dynamic loading of the command.  MAXRSS_KB is wait4()'s
 * ru_maxrss: the peak resident set of the child, which the kernel takes as
 * the larger of the command's own peak and the pages the forked child held
 * just before exec (about 400 KB when this file is linked statically, 600-700
 * KB dynamically: see -F).  STATUS is the exit code, "sigN", "timeout" or
 * "interrupted".  Exit status: 0 when every run finished (whatever the
 * command returned), 3 when a run timed out, 2 on a usage or setup error, 130
 * when interrupted by SIGINT/SIGTERM/SIGHUP (the running child is killed
 * first).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(void)
{
	fputs("usage: runtime [-n K] [-t SEC] [-o FILE] [-e FILE] [-i FILE] -- PROG [ARG...]\n"
	      "       runtime -F\n", stderr);
	exit(2);
}

/* child side: open PATH as fd TARGET; on failure send errno up EP and _exit */
static void redirect(const char *path, int flags, int target, int ep)
{
	int fd = open(path, flags | O_CLOEXEC, 0644);
	if (fd < 0 || dup2(fd, target) < 0) {
		int e = errno;
		if (write(ep, &e, sizeof(e)) < 0)
			_exit(126);
		_exit(126);
	}
	close(fd);
}

static double ms(struct timeval tv)
{
	return tv.tv_sec * 1e3 + tv.tv_usec / 1e3;
}

int main(int argc, char **argv)
{
	long runs = 1;
	double timeout = 300;
	const char *out = "/dev/null", *err = NULL, *in = "/dev/null";
	int i, floor_mode = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (!strcmp(a, "-F")) {
			floor_mode = 1;
			continue;
		}
		if (a[0] != '-' || !a[1] || a[2] || i + 1 >= argc)
			usage();
		const char *v = argv[++i];
		switch (a[1]) {
		case 'n': runs = strtol(v, NULL, 10); break;
		case 't': timeout = strtod(v, NULL); break;
		case 'o': out = v; break;
		case 'e': err = v; break;
		case 'i': in = v; break;
		default: usage();
		}
	}
	/* -F: one run of a command whose exec fails ("/" is a directory) */
	static char *floor_cmd[] = { "/", NULL };
	char **cmd = floor_mode ? floor_cmd : argv + i;
	if (floor_mode)
		runs = 1;
	else if (i >= argc)
		usage();
	if (runs < 1 || timeout <= 0)
		usage();

	/* SIGCHLD and the stop signals are only ever taken by sigtimedwait() */
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, &old);
	setvbuf(stdout, NULL, _IOLBF, 0);

	int rc = 0;
	for (long r = 1; r <= runs; r++) {
		int ep[2];      /* close-on-exec: carries errno when the child cannot exec */
		if (pipe2(ep, O_CLOEXEC) < 0) {
			perror("runtime: pipe");
			return 2;
		}
		double t0 = now();
		pid_t pid = fork();
		if (pid < 0) {
			perror("runtime: fork");
			return 2;
		}
		if (pid == 0) {
			setpgid(0, 0);
			sigprocmask(SIG_SETMASK, &old, NULL);
			redirect(in, O_RDONLY, 0, ep[1]);
			redirect(out, O_WRONLY | O_CREAT | O_TRUNC, 1, ep[1]);
			if (err)
				redirect(err, O_WRONLY | O_CREAT | O_TRUNC, 2, ep[1]);
			execvp(cmd[0], cmd);
			int e = errno;
			if (write(ep[1], &e, sizeof(e)) < 0)
				_exit(127);
			_exit(127);
		}
		close(ep[1]);
		setpgid(pid, pid);      /* both sides: no race with kill(-pid) */

		double deadline = t0 + timeout;
		int timed_out = 0, stop = 0, status = 0;
		struct rusage ru;
		for (;;) {
			pid_t w = wait4(pid, &status, WNOHANG, &ru);
			if (w == pid)
				break;
			if (w < 0 && errno != EINTR) {
				perror("runtime: wait4");
				return 2;
			}
			double left = deadline - now();
			if (left <= 0 || stop) {
				if (!stop)
					timed_out = 1;
				kill(-pid, SIGKILL);
				kill(pid, SIGKILL);
				while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
					;
				break;
			}
			struct timespec ts = { (time_t)left, (long)((left - (time_t)left) * 1e9) };
			int sig = sigtimedwait(&set, NULL, &ts);
			if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
				stop = 1;
		}
		double wall = (now() - t0) * 1e3;
		int child_errno = 0;
		if (read(ep[0], &child_errno, sizeof(child_errno)) != sizeof(child_errno))
			child_errno = 0;
		close(ep[0]);
		if (floor_mode) {
			printf("%ld\n", ru.ru_maxrss);
			return 0;
		}
		if (child_errno)
			fprintf(stderr, "runtime: cannot run %s: %s\n", cmd[0], strerror(child_errno));

		char st[32];
		if (timed_out)
			snprintf(st, sizeof(st), "timeout");
		else if (stop)
			snprintf(st, sizeof(st), "interrupted");
		else if (WIFSIGNALED(status))
			snprintf(st, sizeof(st), "sig%d", WTERMSIG(status));
		else
			snprintf(st, sizeof(st), "%d", WEXITSTATUS(status));
		printf("%ld %.3f %ld %s %.3f %.3f\n", r, wall, ru.ru_maxrss, st, ms(ru.ru_utime),
		       ms(ru.ru_stime));
		if (stop)
			return 130;
		if (timed_out)
			rc = 3;
	}
	return rc;
}
