/*
 * ptyrun - run a command with its stdout on a pseudo-terminal of a given
 * width and copy everything it writes there to our stdout, byte for byte.
 *
 *   ptyrun COLS TIMEOUT_SECONDS CMD [ARG...]
 *   ptyrun COLS,COLS,... TIMEOUT_SECONDS CMD [ARG...]
 *
 * The terminal is put in raw mode first (no "\n" -> "\r\n"), so the bytes
 * are exactly what CMD wrote.  stdin is /dev/null, stderr is inherited.
 * Exit status: CMD's, 124 on timeout (CMD is killed), 125 on setup errors,
 * 128+N if CMD died of signal N.
 *
 * With a list of widths CMD runs once per width, each on a new terminal
 * (TIMEOUT_SECONDS each); every run's output is followed by a line
 * "@@ cols=W status=S" and the exit status is 0 (125 on setup errors), so
 * one process replaces a shell loop over widths.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void fail(const char *what)
{
	fprintf(stderr, "ptyrun: %s: %s\n", what, strerror(errno));
	exit(125);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			fail("write");
		}
		p += w;
		n -= (size_t)w;
	}
}

/* CMD on a fresh terminal COLS wide; its output copied to our stdout */
static int run(int cols, long long seconds, char **argv)
{
	long long deadline = now_ms() + seconds * 1000LL;

	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0)
		fail("posix_openpt");
	if (grantpt(master) < 0 || unlockpt(master) < 0)
		fail("grantpt/unlockpt");
	const char *name = ptsname(master);
	if (!name)
		fail("ptsname");
	int slave = open(name, O_RDWR | O_NOCTTY);
	if (slave < 0)
		fail("open slave");
	struct termios tio;
	if (tcgetattr(slave, &tio) < 0)
		fail("tcgetattr");
	cfmakeraw(&tio);
	if (tcsetattr(slave, TCSANOW, &tio) < 0)
		fail("tcsetattr");
	struct winsize ws = { .ws_row = 50, .ws_col = (unsigned short)cols };
	if (ioctl(slave, TIOCSWINSZ, &ws) < 0)
		fail("TIOCSWINSZ");

	pid_t pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		setsid();
		ioctl(slave, TIOCSCTTY, 0);
		if (null < 0 || dup2(null, 0) < 0 || dup2(slave, 1) < 0)
			_exit(125);
		close(slave);
		close(null);
		execvp(argv[0], argv);
		fprintf(stderr, "ptyrun: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(slave);

	/* read until the slave side is closed everywhere (EIO) or time is up */
	char buf[65536];
	int timed_out = 0;
	for (;;) {
		long long left = deadline - now_ms();
		if (left <= 0) {
			timed_out = 1;
			break;
		}
		struct pollfd p = { .fd = master, .events = POLLIN };
		int r = poll(&p, 1, left > 1000 ? 1000 : (int)left);
		if (r < 0 && errno != EINTR)
			fail("poll");
		if (r <= 0)
			continue;
		ssize_t n = read(master, buf, sizeof(buf));
		if (n > 0) {
			write_all(1, buf, (size_t)n);
			continue;
		}
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		break;  /* EIO: no writer left */
	}
	close(master);
	if (timed_out)
		kill(pid, SIGKILL);
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			fail("waitpid");
	if (timed_out)
		return 124;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: ptyrun COLS[,COLS...] TIMEOUT_SECONDS CMD [ARG...]\n");
		return 125;
	}
	long long seconds = atoll(argv[2]);
	if (!strchr(argv[1], ','))
		return run(atoi(argv[1]), seconds, argv + 3);
	for (char *p = argv[1]; *p;) {
		char head[64];
		int cols = (int)strtol(p, &p, 10);
		if (*p == ',')
			p++;
		fflush(stdout);
		int st = run(cols, seconds, argv + 3);
		if (st == 125)
			return 125;
		int n = snprintf(head, sizeof(head), "@@ cols=%d status=%d\n", cols, st);
		write_all(1, head, (size_t)n);
	}
	return 0;
}
