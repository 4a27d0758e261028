/*
 * Test support only: a stand-in for Windows' bcryptprimitives.dll under Wine 8.0,
 * which lacks it. The Go runtime (1.22+) loads ProcessPrng from that DLL at start
 * and aborts without it. This stub fills the buffer from RtlGenRandom
 * (advapi32's SystemFunction036), which Wine has. Built by scripts/test-windows.sh
 * into a temporary directory; the DLL itself is never committed.
 */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE out, SIZE_T len)
{
	/* RtlGenRandom takes a ULONG length: feed it in chunks of at most 1 GiB. */
	while (len > 0) {
		ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!RtlGenRandom(out, chunk))
			return FALSE;
		out += chunk;
		len -= chunk;
	}
	return TRUE;
}
