/*
 * lmrl native kernels: the kit's own N-API library behind the "native" tfjs path (src/model/native.ts).
 *
 * Built by src/model/native/build.mjs with `cc -O3 -march=native -pthread -fopenmp-simd` during `npm ci`. Two variants
 * come from this one file: the built-in cache-blocked SIMD sgemm (default) and, with -DLMRL_OPENBLAS,
 * OpenBLAS's cblas_sgemm for the large dense products (small per-head products always use the built-in
 * kernel, which is also what runs inside the pool's chunks).
 *
 * Contents: sgemm (packed, register-blocked micro-kernel written with GCC vector extensions so it
 * compiles for any -march); a whole GPT trunk forward and backward (llm.c-style: embeddings, pre-LN
 * blocks with causal masked multi-head attention, tanh-GELU MLP, final LayerNorm; activations saved
 * into a caller-owned buffer); fused softmax cross-entropy; in-place AdamW; an incremental decode step
 * over a preallocated KV cache; a work-sharing thread pool (pthreads) for all of it. Every array is row-major float32 passed as a JS Float32Array (no copies).
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#ifdef LMRL_OPENBLAS
#include <cblas.h>
#endif

/* ------------------------------------------------------------------------------------------------ */
/* SIMD sgemm                                                                                        */
/* ------------------------------------------------------------------------------------------------ */

#if defined(__AVX512F__)
#define VL 16
#define MR 8
#elif defined(__AVX__)
#define VL 8
#define MR 6
#else
#define VL 4
#define MR 6
#endif
#define NR (2 * VL)
#define KC 256
#define MCMAX 96 /* multiple of 6 and 8 */
typedef float vf __attribute__((vector_size(VL * 4)));
typedef float vfu __attribute__((vector_size(VL * 4), aligned(4)));

/* ------------------------------------------------------------------------------------------------ */
/* Work-sharing thread pool                                                                          */
/* ------------------------------------------------------------------------------------------------ */

/* `parallel_for(n, fn, ctx)` runs fn(ctx, c) for every chunk c in [0, n). The calling thread works too,
 * and every thread claims the next unclaimed chunk when it becomes free (one atomic word holds the job's
 * generation, chunk count and next chunk), so a worker the OS has descheduled delays nothing: the
 * others take its share, and the call returns once every chunk is done, never waiting for a worker
 * merely to wake up or to arrive at a barrier. (OpenMP's static schedules and end-of-region barriers
 * wait for every team member: with the other core busy, 2 threads ran 2.5-4x slower than 1.)
 * Chunk boundaries are fixed by the callers from the shapes alone and each chunk writes its own
 * outputs (reductions go through per-chunk partials added in chunk order), so results are
 * bit-identical for any thread count. Idle workers spin briefly, then sleep on a condition variable.
 * Calls from inside a chunk run serially. JS calls into the library are single-threaded. */
#define MAXT 64
typedef void (*chunk_fn)(void *ctx, int c);
static int g_threads = 1;               /* team size: the caller plus g_threads - 1 workers */
static int g_started = 0;               /* workers created so far */
static int g_spin = 100; /* pause iterations an idle worker spins before it sleeps (LMRL_POOL_SPIN): short, so a
                          * worker waiting on a busy machine does not take CPU time from the thread doing the
                          * serial work (measured: 20,000 made 2 threads 1.2x slower than 1 with the other core
                          * busy; 0-100 made them faster, and cost ~2% idle) */
static __thread int g_tid = 0;          /* 0: the JS thread; 1..: workers */
static __thread int g_inside = 0;       /* inside a chunk: nested parallel_for runs serially */
static chunk_fn job_fn;
static void *job_ctx;
static _Atomic uint64_t job_claim;     /* gen:24 | n:20 | next:20 */
static _Atomic int job_done;            /* chunks finished in the current job */
static _Atomic uint32_t job_gen;        /* bumped to publish a job */
static _Atomic int job_sleepers;
static uint32_t g_gen;
static pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cv = PTHREAD_COND_INITIALIZER;
#define CLAIM(g, n, k) (((uint64_t)(g) << 40) | ((uint64_t)(n) << 20) | (uint64_t)(k))
#define MAX_CHUNKS ((1 << 20) - 1)

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

/* Claim and run chunks of job generation g until none is left. */
static void run_chunks(uint32_t g) {
  for (;;) {
    uint64_t c = atomic_load_explicit(&job_claim, memory_order_acquire);
    for (;;) {
      if ((uint32_t)(c >> 40) != g) return;
      uint32_t n = (uint32_t)(c >> 20) & MAX_CHUNKS, k = (uint32_t)c & MAX_CHUNKS;
      if (k >= n) return;
      if (atomic_compare_exchange_weak_explicit(&job_claim, &c, c + 1, memory_order_acq_rel, memory_order_acquire)) break;
    }
    /* chunk (c & MAX_CHUNKS) of job g is ours; the job cannot finish (nor job_fn change) before we report it */
    job_fn(job_ctx, (int)(c & MAX_CHUNKS));
    atomic_fetch_add_explicit(&job_done, 1, memory_order_release);
  }
}

static void *worker_main(void *arg) {
  g_tid = (int)(intptr_t)arg;
  g_inside = 1;
  uint32_t seen = atomic_load(&job_gen);
  for (;;) {
    uint32_t g;
    int spins = 0;
    while ((g = atomic_load_explicit(&job_gen, memory_order_acquire)) == seen) {
      if (++spins < g_spin) {
        cpu_relax();
        continue;
      }
      pthread_mutex_lock(&pool_mu);
      atomic_fetch_add(&job_sleepers, 1);
      while ((g = atomic_load(&job_gen)) == seen) pthread_cond_wait(&pool_cv, &pool_mu);
      atomic_fetch_sub(&job_sleepers, 1);
      pthread_mutex_unlock(&pool_mu);
      break;
    }
    seen = g;
    run_chunks(g & 0xFFFFFF);
  }
  return NULL;
}

static int nthreads(void) {
  return g_threads;
}

static void set_threads(int n) {
  const char *sp = getenv("LMRL_POOL_SPIN");
  if (sp && atoi(sp) >= 0) g_spin = atoi(sp);
  g_threads = n < 1 ? 1 : (n > MAXT ? MAXT : n);
  while (g_started < g_threads - 1) {
    pthread_t th;
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    int ok = pthread_create(&th, &at, worker_main, (void *)(intptr_t)(g_started + 1)) == 0;
    pthread_attr_destroy(&at);
    if (!ok) {
      g_threads = g_started + 1;
      break;
    }
    g_started++;
  }
}

/* Run fn(ctx, c) for c in [0, n) over the pool (see above). */
static void parallel_for(int n, chunk_fn fn, void *ctx) {
  if (n <= 0) return;
  if (g_threads <= 1 || n == 1 || g_inside || n > MAX_CHUNKS) {
    for (int c = 0; c < n; c++) fn(ctx, c);
    return;
  }
  g_gen = (g_gen + 1) & 0xFFFFFF;
  job_fn = fn;
  job_ctx = ctx;
  atomic_store_explicit(&job_done, 0, memory_order_relaxed);
  atomic_store_explicit(&job_claim, CLAIM(g_gen, n, 0), memory_order_release);
  atomic_store(&job_gen, g_gen); /* seq_cst: pairs with the sleepers' check */
  if (atomic_load(&job_sleepers) > 0) {
    pthread_mutex_lock(&pool_mu);
    pthread_cond_broadcast(&pool_cv);
    pthread_mutex_unlock(&pool_mu);
  }
  g_inside = 1;
  run_chunks(g_gen);
  g_inside = 0;
  /* every chunk is claimed; wait for the ones other threads are still running */
  int spins = 0;
  while (atomic_load_explicit(&job_done, memory_order_acquire) != n) {
    if (++spins < 4000) cpu_relax();
    else sched_yield();
  }
}

/* Fixed-size row ranges as chunks: fn(ctx, lo, hi) over [0, total) in pieces of `grain`. */
typedef void (*range_fn)(void *ctx, size_t lo, size_t hi);
typedef struct {
  range_fn fn;
  void *ctx;
  size_t total, grain;
} RangeJob;
static void range_chunk(void *p, int c) {
  RangeJob *r = (RangeJob *)p;
  size_t lo = (size_t)c * r->grain, hi = lo + r->grain < r->total ? lo + r->grain : r->total;
  r->fn(r->ctx, lo, hi);
}
static void parallel_range(size_t total, size_t grain, range_fn fn, void *ctx) {
  if (total == 0) return;
  if (grain < 1) grain = 1;
  size_t n = (total + grain - 1) / grain;
  while (n > MAX_CHUNKS) {
    grain *= 2;
    n = (total + grain - 1) / grain;
  }
  RangeJob r = {fn, ctx, total, grain};
  parallel_for((int)n, range_chunk, &r);
}

static void *xalloc(size_t bytes) {
  void *p = NULL;
  if (posix_memalign(&p, 64, bytes ? bytes : 64) != 0) return NULL;
  return p;
}

/* element (r, c) of op(X) where X is row-major with leading dimension ld */
#define AT(X, tr, r, c, ld) ((tr) ? (X)[(size_t)(c) * (ld) + (r)] : (X)[(size_t)(r) * (ld) + (c)])

/* Pack rows [i0, i0+mc) x cols [p0, p0+kc) of op(A) into MR-row panels: Ap[panel][k][MR]. */
static void pack_a(int tA, const float *A, int lda, int i0, int mc, int p0, int kc, float *Ap) {
  for (int ip = 0; ip < mc; ip += MR) {
    int mr = mc - ip < MR ? mc - ip : MR;
    float *dst = Ap + (size_t)ip * kc;
    if (!tA) {
      for (int i = 0; i < MR; i++) {
        if (i < mr) {
          const float *src = A + (size_t)(i0 + ip + i) * lda + p0;
          for (int k = 0; k < kc; k++) dst[k * MR + i] = src[k];
        } else {
          for (int k = 0; k < kc; k++) dst[k * MR + i] = 0.f;
        }
      }
    } else {
      for (int k = 0; k < kc; k++) {
        const float *src = A + (size_t)(p0 + k) * lda + i0 + ip;
        int i = 0;
        for (; i < mr; i++) dst[k * MR + i] = src[i];
        for (; i < MR; i++) dst[k * MR + i] = 0.f;
      }
    }
  }
}

/* Pack rows [p0, p0+kc) x cols [j0, j0+nc) of op(B) into NR-column panels: Bp[panel][k][NR]. */
static void pack_b(int tB, const float *B, int ldb, int p0, int kc, int j0, int nc, float *Bp) {
  for (int jp = 0; jp < nc; jp += NR) {
    int nr = nc - jp < NR ? nc - jp : NR;
    float *dst = Bp + (size_t)jp * kc;
    if (!tB) {
      for (int k = 0; k < kc; k++) {
        const float *src = B + (size_t)(p0 + k) * ldb + j0 + jp;
        int j = 0;
        for (; j < nr; j++) dst[k * NR + j] = src[j];
        for (; j < NR; j++) dst[k * NR + j] = 0.f;
      }
    } else {
      for (int j = 0; j < NR; j++) {
        if (j < nr) {
          const float *src = B + (size_t)(j0 + jp + j) * ldb + p0;
          for (int k = 0; k < kc; k++) dst[k * NR + j] = src[k];
        } else {
          for (int k = 0; k < kc; k++) dst[k * NR + j] = 0.f;
        }
      }
    }
  }
}

/* C[mr, nr] = alpha * Ap·Bp + beta * C for one MR x NR tile. */
static inline void micro(int kc, const float *restrict a, const float *restrict b, float *c, int ldc, float alpha, float beta, int mr, int nr) {
  vf acc0[MR], acc1[MR];
#pragma GCC unroll 16
  for (int i = 0; i < MR; i++) {
    acc0[i] = (vf){0};
    acc1[i] = (vf){0};
  }
  for (int k = 0; k < kc; k++) {
    vf b0 = *(const vf *)(b + k * NR);
    vf b1 = *(const vf *)(b + k * NR + VL);
#pragma GCC unroll 16
    for (int i = 0; i < MR; i++) {
      float ai = a[k * MR + i];
      acc0[i] += ai * b0;
      acc1[i] += ai * b1;
    }
  }
  if (mr == MR && nr == NR) {
#pragma GCC unroll 16
    for (int i = 0; i < MR; i++) {
      vfu *c0 = (vfu *)(c + (size_t)i * ldc), *c1 = (vfu *)(c + (size_t)i * ldc + VL);
      if (beta == 0.f) {
        *c0 = alpha * acc0[i];
        *c1 = alpha * acc1[i];
      } else {
        *c0 = beta * *c0 + alpha * acc0[i];
        *c1 = beta * *c1 + alpha * acc1[i];
      }
    }
  } else {
    float tile[MR * NR] __attribute__((aligned(64)));
    for (int i = 0; i < MR; i++) {
      *(vf *)(tile + i * NR) = acc0[i];
      *(vf *)(tile + i * NR + VL) = acc1[i];
    }
    for (int i = 0; i < mr; i++)
      for (int j = 0; j < nr; j++) {
        float *cp = c + (size_t)i * ldc + j;
        *cp = beta == 0.f ? alpha * tile[i * NR + j] : beta * *cp + alpha * tile[i * NR + j];
      }
  }
}

/* Per-thread packing buffers, grown on demand (JS calls are single-threaded; pool threads index by id). */
static float *bufA[MAXT];
static size_t capA[MAXT];
static float *bufB[MAXT];
static size_t capB[MAXT];

static float *grow(float **buf, size_t *cap, size_t n) {
  if (*cap < n) {
    free(*buf);
    *buf = (float *)xalloc(n * sizeof(float));
    *cap = n;
  }
  return *buf;
}

static int tid(void) {
  return g_tid;
}

/* Serial sgemm: C[M,N] = alpha·op(A)·op(B) + beta·C. Safe to call from inside a pool chunk (per-thread buffers). */
static void sgemm_serial(int tA, int tB, int M, int N, int K, float alpha, const float *A, int lda, const float *B, int ldb, float beta, float *C, int ldc) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    for (int i = 0; i < M; i++)
      for (int j = 0; j < N; j++) C[(size_t)i * ldc + j] = beta == 0.f ? 0.f : beta * C[(size_t)i * ldc + j];
    return;
  }
  int t = tid();
  int npan = (N + NR - 1) / NR;
  float *Bp = grow(&bufB[t], &capB[t], (size_t)npan * NR * KC);
  float *Ap = grow(&bufA[t], &capA[t], (size_t)MCMAX * KC);
  for (int p0 = 0; p0 < K; p0 += KC) {
    int kc = K - p0 < KC ? K - p0 : KC;
    float bt = p0 == 0 ? beta : 1.f;
    pack_b(tB, B, ldb, p0, kc, 0, N, Bp);
    for (int i0 = 0; i0 < M; i0 += MCMAX) {
      int mc = M - i0 < MCMAX ? M - i0 : MCMAX;
      pack_a(tA, A, lda, i0, mc, p0, kc, Ap);
      for (int jp = 0; jp < N; jp += NR) {
        int nr = N - jp < NR ? N - jp : NR;
        for (int ip = 0; ip < mc; ip += MR) {
          int mr = mc - ip < MR ? mc - ip : MR;
          micro(kc, Ap + (size_t)ip * kc, Bp + (size_t)jp * kc, C + (size_t)(i0 + ip) * ldc + jp, ldc, alpha, bt, mr, nr);
        }
      }
    }
  }
}

/* Parallel built-in sgemm: per K block, the pool packs B's column panels into one shared buffer, then
 * takes row blocks of C (or, for short M such as decoding, groups of column panels against one packed
 * A block). Each element of C is computed by one micro-kernel call over the same K blocks whatever the
 * thread count, so results do not depend on it. */
typedef struct {
  int tA, tB, M, N, K, lda, ldb, ldc, p0, kc, mcb, i0, mc;
  float alpha, bt;
  const float *A, *B;
  float *C, *Bp, *Ap;
} GemmJob;
#define PANELS_PER_CHUNK 4

static void gemm_pack_b_chunk(void *p, int c) {
  GemmJob *g = (GemmJob *)p;
  int j0 = c * PANELS_PER_CHUNK * NR;
  int nc = g->N - j0 < PANELS_PER_CHUNK * NR ? g->N - j0 : PANELS_PER_CHUNK * NR;
  pack_b(g->tB, g->B, g->ldb, g->p0, g->kc, j0, nc, g->Bp + (size_t)j0 * g->kc);
}

static void gemm_rows_chunk(void *p, int c) {
  GemmJob *g = (GemmJob *)p;
  int t = tid();
  float *Ap = grow(&bufA[t], &capA[t], (size_t)MCMAX * KC);
  int i0 = c * g->mcb, mc = g->M - i0 < g->mcb ? g->M - i0 : g->mcb;
  pack_a(g->tA, g->A, g->lda, i0, mc, g->p0, g->kc, Ap);
  for (int jp = 0; jp < g->N; jp += NR) {
    int nr = g->N - jp < NR ? g->N - jp : NR;
    for (int ip = 0; ip < mc; ip += MR) {
      int mr = mc - ip < MR ? mc - ip : MR;
      micro(g->kc, Ap + (size_t)ip * g->kc, g->Bp + (size_t)jp * g->kc, g->C + (size_t)(i0 + ip) * g->ldc + jp, g->ldc, g->alpha, g->bt, mr, nr);
    }
  }
}

static void gemm_cols_chunk(void *p, int c) {
  GemmJob *g = (GemmJob *)p;
  int npan = (g->N + NR - 1) / NR;
  int jp1 = (c + 1) * PANELS_PER_CHUNK < npan ? (c + 1) * PANELS_PER_CHUNK : npan;
  for (int jp = c * PANELS_PER_CHUNK; jp < jp1; jp++) {
    int nr = g->N - jp * NR < NR ? g->N - jp * NR : NR;
    for (int ip = 0; ip < g->mc; ip += MR) {
      int mr = g->mc - ip < MR ? g->mc - ip : MR;
      micro(g->kc, g->Ap + (size_t)ip * g->kc, g->Bp + (size_t)jp * NR * g->kc, g->C + (size_t)(g->i0 + ip) * g->ldc + jp * NR, g->ldc, g->alpha, g->bt, mr, nr);
    }
  }
}

static float *sharedA, *sharedB;
static size_t sharedACap, sharedBCap;

static void sgemm_builtin(int tA, int tB, int M, int N, int K, float alpha, const float *A, int lda, const float *B, int ldb, float beta, float *C, int ldc) {
  double work = (double)M * N * K;
  if (nthreads() == 1 || g_inside || work < 32768.0 * 8 || K <= 0) {
    sgemm_serial(tA, tB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    return;
  }
  int npan = (N + NR - 1) / NR;
  int nbc = (npan + PANELS_PER_CHUNK - 1) / PANELS_PER_CHUNK;
  GemmJob g = {tA, tB, M, N, K, lda, ldb, ldc, 0, 0, MCMAX, 0, 0, alpha, 1.f, A, B, C, NULL, NULL};
  g.Bp = grow(&sharedB, &sharedBCap, (size_t)npan * NR * KC);
  /* Row blocks of a fixed height (a multiple of MR, from M alone) when M is tall enough to split. */
  int splitRows = M >= 4 * MR;
  if (splitRows) {
    int per = (M + 3) / 4;
    per = (per + MR - 1) / MR * MR;
    if (per < g.mcb) g.mcb = per;
  }
  for (int p0 = 0; p0 < K; p0 += KC) {
    g.p0 = p0;
    g.kc = K - p0 < KC ? K - p0 : KC;
    g.bt = p0 == 0 ? beta : 1.f;
    parallel_for(nbc, gemm_pack_b_chunk, &g);
    if (splitRows) {
      parallel_for((M + g.mcb - 1) / g.mcb, gemm_rows_chunk, &g);
    } else {
      g.Ap = grow(&sharedA, &sharedACap, (size_t)MCMAX * KC);
      for (int i0 = 0; i0 < M; i0 += MCMAX) {
        g.i0 = i0;
        g.mc = M - i0 < MCMAX ? M - i0 : MCMAX;
        pack_a(tA, A, lda, i0, g.mc, p0, g.kc, g.Ap);
        parallel_for(nbc, gemm_cols_chunk, &g);
      }
    }
  }
}

/* Rows (or columns) per OpenBLAS call in the parallel path; fixed, so results do not depend on threads. */
#define OB_CHUNK 256

#ifdef LMRL_OPENBLAS
typedef struct {
  CBLAS_TRANSPOSE ta, tb;
  int tA, tB, M, N, K, lda, ldb, ldc;
  float alpha, beta;
  const float *A, *B;
  float *C;
} BlasJob;

static void blas_rows_chunk(void *p, int c) {
  BlasJob *j = (BlasJob *)p;
  int i0 = c * OB_CHUNK, m = j->M - i0 < OB_CHUNK ? j->M - i0 : OB_CHUNK;
  cblas_sgemm(CblasRowMajor, j->ta, j->tb, m, j->N, j->K, j->alpha, j->tA ? j->A + i0 : j->A + (size_t)i0 * j->lda, j->lda, j->B, j->ldb, j->beta, j->C + (size_t)i0 * j->ldc, j->ldc);
}

static void blas_cols_chunk(void *p, int c) {
  BlasJob *j = (BlasJob *)p;
  int j0 = c * OB_CHUNK, n = j->N - j0 < OB_CHUNK ? j->N - j0 : OB_CHUNK;
  cblas_sgemm(CblasRowMajor, j->ta, j->tb, j->M, n, j->K, j->alpha, j->A, j->lda, j->tB ? j->B + (size_t)j0 * j->ldb : j->B + j0, j->ldb, j->beta, j->C + j0, j->ldc);
}
#endif

/* The dense-layer sgemm: OpenBLAS in the openblas variant, the built-in kernel otherwise. */
static void sgemm(int tA, int tB, int M, int N, int K, float alpha, const float *A, int lda, const float *B, int ldb, float beta, float *C, int ldc) {
#ifdef LMRL_OPENBLAS
  /* OpenBLAS runs single-threaded and blocks of C are split over the kit's pool: OpenBLAS's own pthreads
   * and the kit's threads otherwise fight over the 2 cores (measured 3x slower trunk). */
  static int obInit = 0;
  if (!obInit) {
    openblas_set_num_threads(1);
    obInit = 1;
  }
  if ((double)M * N * K >= 32768.0 * 8) {
    /* Fixed blocks of OB_CHUNK rows (or columns), whatever the thread count: OpenBLAS's result for an
     * element depends on the shape of the call, so blocks sized by the thread count gave different
     * numbers for 1 and 2 threads. Each block is one cblas call. */
    BlasJob j = {tA ? CblasTrans : CblasNoTrans, tB ? CblasTrans : CblasNoTrans, tA, tB, M, N, K, lda, ldb, ldc, alpha, beta, A, B, C};
    if (M >= N) parallel_for((M + OB_CHUNK - 1) / OB_CHUNK, blas_rows_chunk, &j);
    else parallel_for((N + OB_CHUNK - 1) / OB_CHUNK, blas_cols_chunk, &j);
    return;
  }
#endif
  sgemm_builtin(tA, tB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

/* ------------------------------------------------------------------------------------------------ */
/* Elementwise pieces                                                                                */
/* ------------------------------------------------------------------------------------------------ */

/* Rational tanh (Eigen's generic_fast_tanh_float): vectorisable, |error| ~1e-7. */
static inline float tanh_fast(float x) {
  const float lim = 7.90531110763549805f;
  x = x > lim ? lim : (x < -lim ? -lim : x);
  float x2 = x * x;
  float p = -2.76076847742355e-16f;
  p = p * x2 + 2.00018790482477e-13f;
  p = p * x2 + -8.60467152213735e-11f;
  p = p * x2 + 5.12229709037114e-08f;
  p = p * x2 + 1.48572235717979e-05f;
  p = p * x2 + 6.37261928875436e-04f;
  p = p * x2 + 4.89352455891786e-03f;
  p = p * x;
  float q = 1.19825839466702e-06f;
  q = q * x2 + 1.18534705686654e-04f;
  q = q * x2 + 2.26843463243900e-03f;
  q = q * x2 + 4.89352518554385e-03f;
  return p / q;
}


/* Cephes-style expf: vectorisable (no libm call), relative error ~2e-7; inputs clamped to [-87.3, 88.7]. */
static inline float exp_fast(float x) {
  x = x < -87.3f ? -87.3f : (x > 88.7f ? 88.7f : x);
  float n = floorf(x * 1.44269504088896341f + 0.5f);
  float r = x - n * 0.693359375f + n * 2.12194440e-4f;
  float p = 1.9875691500E-4f;
  p = p * r + 1.3981999507E-3f;
  p = p * r + 8.3334519073E-3f;
  p = p * r + 4.1665795894E-2f;
  p = p * r + 1.6666665459E-1f;
  p = p * r + 5.0000001201E-1f;
  p = p * r * r + r + 1.f;
  int32_t i = ((int32_t)n + 127) << 23;
  float sc;
  memcpy(&sc, &i, 4);
  return p * sc;
}

#define GELU_C 0.7978845608028654f
#define GELU_A 0.044715f

/* Elementwise work is cut into ranges of this many floats (or rows of the work's own grain). */
#define EW_GRAIN 16384

typedef struct {
  const float *x, *dy;
  float *y;
} EwJob;

static void gelu_fwd_range(void *p, size_t lo, size_t hi) {
  EwJob *j = (EwJob *)p;
  const float *x = j->x;
  float *y = j->y;
#pragma omp simd
  for (size_t i = lo; i < hi; i++) {
    float v = x[i];
    float t = tanh_fast(GELU_C * (v + GELU_A * v * v * v));
    y[i] = 0.5f * v * (1.f + t);
  }
}

static void gelu_fwd(const float *x, float *y, size_t n) {
  EwJob j = {x, NULL, y};
  parallel_range(n, EW_GRAIN, gelu_fwd_range, &j);
}

static void gelu_bwd_range(void *p, size_t lo, size_t hi) {
  EwJob *j = (EwJob *)p;
  const float *x = j->x, *dy = j->dy;
  float *dx = j->y;
#pragma omp simd
  for (size_t i = lo; i < hi; i++) {
    float v = x[i];
    float t = tanh_fast(GELU_C * (v + GELU_A * v * v * v));
    float d = 0.5f * (1.f + t) + 0.5f * v * (1.f - t * t) * GELU_C * (1.f + 3.f * GELU_A * v * v);
    dx[i] = dy[i] * d;
  }
}

/* dx = dy · gelu'(x) (dx may alias dy). */
static void gelu_bwd(const float *x, const float *dy, float *dx, size_t n) {
  EwJob j = {x, dy, dx};
  parallel_range(n, EW_GRAIN, gelu_bwd_range, &j);
}

/* LayerNorm over rows of x [N, D]: y = (x − mean)·rstd·g + b; saves mean and rstd per row. */
typedef struct {
  const float *x, *g, *b;
  float *y, *mean, *rstd;
  int D;
  float eps;
} LnJob;

static void ln_fwd_range(void *p, size_t lo, size_t hi) {
  LnJob *j = (LnJob *)p;
  const float *x = j->x, *g = j->g, *b = j->b;
  float *y = j->y, *mean = j->mean, *rstd = j->rstd;
  int D = j->D;
  float eps = j->eps;
  for (size_t n = lo; n < hi; n++) {
    const float *xr = x + (size_t)n * D;
    float s = 0.f;
#pragma omp simd reduction(+ : s)
    for (int i = 0; i < D; i++) s += xr[i];
    float m = s / D, v = 0.f;
#pragma omp simd reduction(+ : v)
    for (int i = 0; i < D; i++) v += (xr[i] - m) * (xr[i] - m);
    float r = 1.f / sqrtf(v / D + eps);
    float *yr = y + (size_t)n * D;
#pragma omp simd
    for (int i = 0; i < D; i++) yr[i] = (xr[i] - m) * r * g[i] + b[i];
    if (mean) mean[n] = m;
    if (rstd) rstd[n] = r;
  }
}

#define ROW_GRAIN 64

static void ln_fwd(const float *x, const float *g, const float *b, float *y, float *mean, float *rstd, int N, int D, float eps) {
  LnJob j = {x, g, b, y, mean, rstd, D, eps};
  parallel_range((size_t)N, ROW_GRAIN, ln_fwd_range, &j);
}

/* LayerNorm backward: dx (+)= rstd·(dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)); dg += Σ dy·xhat; db += Σ dy.
 * dg/db accumulate per fixed chunk of LN_CHUNK rows in `part` [nchunks, 2D], then the chunks are added in
 * chunk order: the chunk boundaries and the order of the sums do not depend on the thread count, so 1, 2
 * or N threads give bit-identical gradients. accumulate=1 adds into dx. */
#define LN_CHUNK 64
static float *lnPart;
static size_t lnPartCap;
typedef struct {
  const float *x, *g, *mean, *rstd, *dy;
  float *dx, *part;
  int N, D, accumulate;
} LnBwdJob;

static void ln_bwd_chunk(void *p, int c) {
  LnBwdJob *j = (LnBwdJob *)p;
  const float *x = j->x, *g = j->g, *mean = j->mean, *rstd = j->rstd, *dy = j->dy;
  float *dx = j->dx, *part = j->part;
  int N = j->N, D = j->D, accumulate = j->accumulate;
  {
    float *pg = part + (size_t)c * 2 * D, *pb = pg + D;
    int n1 = (c + 1) * LN_CHUNK < N ? (c + 1) * LN_CHUNK : N;
    for (int n = c * LN_CHUNK; n < n1; n++) {
      const float *xr = x + (size_t)n * D, *dyr = dy + (size_t)n * D;
      float m = mean[n], r = rstd[n];
      float s1 = 0.f, s2 = 0.f;
#pragma omp simd reduction(+ : s1, s2)
      for (int i = 0; i < D; i++) {
        float xh = (xr[i] - m) * r;
        float dxh = dyr[i] * g[i];
        s1 += dxh;
        s2 += dxh * xh;
        pg[i] += dyr[i] * xh;
        pb[i] += dyr[i];
      }
      s1 /= D;
      s2 /= D;
      float *dxr = dx + (size_t)n * D;
      if (accumulate) {
#pragma omp simd
        for (int i = 0; i < D; i++) dxr[i] += r * (dyr[i] * g[i] - s1 - (xr[i] - m) * r * s2);
      } else {
#pragma omp simd
        for (int i = 0; i < D; i++) dxr[i] = r * (dyr[i] * g[i] - s1 - (xr[i] - m) * r * s2);
      }
    }
  }
}

static void ln_bwd(const float *x, const float *g, const float *mean, const float *rstd, const float *dy, float *dx, float *dg, float *db, int N, int D, int accumulate) {
  int nchunks = (N + LN_CHUNK - 1) / LN_CHUNK;
  float *part = grow(&lnPart, &lnPartCap, (size_t)nchunks * 2 * D);
  memset(part, 0, sizeof(float) * (size_t)nchunks * 2 * D);
  LnBwdJob j = {x, g, mean, rstd, dy, dx, part, N, D, accumulate};
  parallel_for(nchunks, ln_bwd_chunk, &j);
  for (int c = 0; c < nchunks; c++)
    for (int i = 0; i < D; i++) {
      dg[i] += part[(size_t)c * 2 * D + i];
      db[i] += part[(size_t)c * 2 * D + D + i];
    }
}

/* Rows of y[N, Out]: y += bias (b may be NULL), then ReLU when asked. */
typedef struct {
  float *y;
  const float *b;
  int Out, relu;
} BiasJob;

static void bias_relu_range(void *p, size_t lo, size_t hi) {
  BiasJob *j = (BiasJob *)p;
  for (size_t n = lo; n < hi; n++) {
    float *r = j->y + n * j->Out;
    const float *b = j->b;
    if (b) {
#pragma omp simd
      for (int k = 0; k < j->Out; k++) r[k] += b[k];
    }
    if (j->relu) {
#pragma omp simd
      for (int k = 0; k < j->Out; k++) r[k] = r[k] > 0.f ? r[k] : 0.f;
    }
  }
}

/* db[Out] += Σ_rows dy[N, Out]: rows summed per fixed chunk of LN_CHUNK rows into partials, then the
 * partials added in chunk order (the same sums for any thread count). */
typedef struct {
  const float *dy;
  float *part;
  int N, Out;
} ColSumJob;

static void col_sum_chunk(void *p, int c) {
  ColSumJob *j = (ColSumJob *)p;
  float *pc = j->part + (size_t)c * j->Out;
  int n1 = (c + 1) * LN_CHUNK < j->N ? (c + 1) * LN_CHUNK : j->N;
  for (int k = 0; k < j->Out; k++) pc[k] = 0.f;
  for (int n = c * LN_CHUNK; n < n1; n++) {
    const float *r = j->dy + (size_t)n * j->Out;
#pragma omp simd
    for (int k = 0; k < j->Out; k++) pc[k] += r[k];
  }
}

static float *colPart;
static size_t colPartCap;
static void col_sum(const float *dy, float *db, int N, int Out) {
  int nchunks = (N + LN_CHUNK - 1) / LN_CHUNK;
  ColSumJob j = {dy, grow(&colPart, &colPartCap, (size_t)nchunks * Out), N, Out};
  parallel_for(nchunks, col_sum_chunk, &j);
  for (int c = 0; c < nchunks; c++) {
    const float *pc = j.part + (size_t)c * Out;
#pragma omp simd
    for (int k = 0; k < Out; k++) db[k] += pc[k];
  }
}

/* Dense layer y = x·W (+ b), optionally ReLU(·), x [N, In], W [In, Out]. */
static void dense_fwd(const float *x, const float *W, const float *b, int relu, float *y, int N, int In, int Out) {
  sgemm(0, 0, N, Out, In, 1.f, x, In, W, Out, 0.f, y, Out);
  if (relu || b) {
    BiasJob j = {y, b, Out, relu};
    parallel_range((size_t)N, ROW_GRAIN, bias_relu_range, &j);
  }
}

/* Linear forward y = x·W + b (the trunk's layers). */
static void linear_fwd(const float *x, const float *W, const float *b, float *y, int N, int In, int Out) {
  dense_fwd(x, W, b, 0, y, N, In, Out);
}

/* Linear backward: dW += xᵀ·dy, db += Σ dy, dx (= or +=) dy·Wᵀ. */
static void linear_bwd(const float *x, const float *W, const float *dy, float *dx, float *dW, float *db, int N, int In, int Out, int accumulateDx) {
  sgemm(1, 0, In, Out, N, 1.f, x, In, dy, Out, 1.f, dW, Out);
  if (db) col_sum(dy, db, N, Out);
  if (dx) sgemm(0, 1, N, In, Out, 1.f, dy, Out, W, Out, accumulateDx ? 1.f : 0.f, dx, In);
}

/* d[i] = y[i] > 0 ? dy[i] : 0 (the ReLU's backward; y is the ReLU's output). */
typedef struct {
  const float *y, *dy;
  float *d;
} ReluMaskJob;

static void relu_mask_range(void *p, size_t lo, size_t hi) {
  ReluMaskJob *j = (ReluMaskJob *)p;
#pragma omp simd
  for (size_t i = lo; i < hi; i++) j->d[i] = j->y[i] > 0.f ? j->dy[i] : 0.f;
}

static float *denseScratch;
static size_t denseScratchCap;

/* Backward of dense_fwd: dW = xᵀ·d, db = Σ d, dx = d·Wᵀ (each output overwritten; dx/db may be NULL),
 * where d = dy, masked by y > 0 when the layer has a ReLU. */
static void dense_bwd(const float *x, const float *W, const float *y, int relu, const float *dy, float *dx, float *dW, float *db, int N, int In, int Out) {
  const float *d = dy;
  if (relu) {
    float *m = grow(&denseScratch, &denseScratchCap, (size_t)N * Out);
    ReluMaskJob j = {y, dy, m};
    parallel_range((size_t)N * Out, EW_GRAIN, relu_mask_range, &j);
    d = m;
  }
  memset(dW, 0, sizeof(float) * (size_t)In * Out);
  if (db) memset(db, 0, sizeof(float) * Out);
  linear_bwd(x, W, d, dx, dW, db, N, In, Out, 0);
}

/* out[n] = h[n]·W[:, tok[n]] + b[tok[n]]: one column of a dense layer per row (a head's value at the
 * taken token without the other Out − 1 outputs). h [N, In], W [In, Out]. */
typedef struct {
  const float *h, *W, *b;
  const int32_t *tok;
  float *out;
  int In, Out;
} TakeJob;

static void take_dense_range(void *p, size_t lo, size_t hi) {
  TakeJob *j = (TakeJob *)p;
  for (size_t n = lo; n < hi; n++) {
    const float *hr = j->h + n * j->In;
    int a = j->tok[n];
    float s = 0.f;
    for (int i = 0; i < j->In; i++) s += hr[i] * j->W[(size_t)i * j->Out + a];
    j->out[n] = s + (j->b ? j->b[a] : 0.f);
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Attention over a packed qkv buffer [B, T, 3D] (q | k | v, head h at columns h·hd)                */
/* ------------------------------------------------------------------------------------------------ */

/* Per (b, h): scores = q·kᵀ·scale over keys s <= t with keyMask[b, s] != 0, softmax -> att [T, T]
 * (zeros elsewhere), y[b, t, h] = att·v. A query row with no visible key attends uniformly to s <= t
 * (only padded query positions; their outputs never reach real positions). */
typedef struct {
  const float *qkv, *keyMask, *att, *dy;
  float *attOut, *y;
  int B, T, D, H;
} AttnJob;

static void attn_fwd_chunk(void *p, int bh) {
  AttnJob *j = (AttnJob *)p;
  const float *qkv = j->qkv, *keyMask = j->keyMask;
  float *att = j->attOut, *y = j->y;
  int T = j->T, D = j->D, H = j->H;
  int hd = D / H, ld = 3 * D;
  float scale = 1.f / sqrtf((float)hd);
  {
    int b = bh / H, h = bh % H;
    const float *q = qkv + (size_t)b * T * ld + h * hd;
    const float *k = q + D, *v = q + 2 * D;
    float *A = att + (size_t)bh * T * T;
    const float *km = keyMask ? keyMask + (size_t)b * T : NULL;
    sgemm_serial(0, 1, T, T, hd, scale, q, ld, k, ld, 0.f, A, T);
    for (int t = 0; t < T; t++) {
      float *row = A + (size_t)t * T;
      float mx = -INFINITY;
      for (int s = 0; s <= t; s++)
        if (!km || km[s] != 0.f) mx = row[s] > mx ? row[s] : mx;
      float sum = 0.f;
      if (mx == -INFINITY) {
        for (int s = 0; s <= t; s++) row[s] = 1.f / (t + 1);
      } else {
        for (int s = 0; s <= t; s++) {
          float e = (!km || km[s] != 0.f) ? exp_fast(row[s] - mx) : 0.f;
          row[s] = e;
          sum += e;
        }
        float inv = 1.f / sum;
        for (int s = 0; s <= t; s++) row[s] *= inv;
      }
      for (int s = t + 1; s < T; s++) row[s] = 0.f;
    }
    sgemm_serial(0, 0, T, hd, T, 1.f, A, T, v, ld, 0.f, y + (size_t)b * T * D + h * hd, D);
  }
}

static void attn_fwd(const float *qkv, const float *keyMask, float *att, float *y, int B, int T, int D, int H) {
  AttnJob j = {qkv, keyMask, NULL, NULL, att, y, B, T, D, H};
  parallel_for(B * H, attn_fwd_chunk, &j);
}

static float *attScratch[MAXT];
static size_t attScratchCap[MAXT];

/* Backward of attn_fwd: dy [B, T, D] -> dqkv [B, T, 3D] (overwritten). */
static void attn_bwd_chunk(void *p, int bh) {
  AttnJob *j = (AttnJob *)p;
  const float *qkv = j->qkv, *att = j->att, *dy = j->dy;
  float *dqkv = j->y;
  int T = j->T, D = j->D, H = j->H;
  int hd = D / H, ld = 3 * D;
  float scale = 1.f / sqrtf((float)hd);
  {
    int b = bh / H, h = bh % H;
    int t0 = tid();
    float *dA = grow(&attScratch[t0], &attScratchCap[t0], (size_t)T * T);
    const float *q = qkv + (size_t)b * T * ld + h * hd, *k = q + D, *v = q + 2 * D;
    float *dq = dqkv + (size_t)b * T * ld + h * hd, *dk = dq + D, *dv = dq + 2 * D;
    const float *A = att + (size_t)bh * T * T;
    const float *dyh = dy + (size_t)b * T * D + h * hd;
    /* dA = dY·Vᵀ ; dV = Aᵀ·dY */
    sgemm_serial(0, 1, T, T, hd, 1.f, dyh, D, v, ld, 0.f, dA, T);
    sgemm_serial(1, 0, T, hd, T, 1.f, A, T, dyh, D, 0.f, dv, ld);
    /* softmax backward in place: dS = A ⊙ (dA − Σ_s A·dA), times scale */
    for (int t = 0; t < T; t++) {
      const float *ar = A + (size_t)t * T;
      float *dr = dA + (size_t)t * T;
      float dot = 0.f;
      for (int s = 0; s <= t; s++) dot += ar[s] * dr[s];
      for (int s = 0; s <= t; s++) dr[s] = ar[s] * (dr[s] - dot) * scale;
      for (int s = t + 1; s < T; s++) dr[s] = 0.f;
    }
    /* dQ = dS·K ; dK = dSᵀ·Q */
    sgemm_serial(0, 0, T, hd, T, 1.f, dA, T, k, ld, 0.f, dq, ld);
    sgemm_serial(1, 0, T, hd, T, 1.f, dA, T, q, ld, 0.f, dk, ld);
  }
}

static void attn_bwd(const float *qkv, const float *att, const float *dy, float *dqkv, int B, int T, int D, int H) {
  AttnJob j = {qkv, NULL, att, dy, NULL, dqkv, B, T, D, H};
  parallel_for(B * H, attn_bwd_chunk, &j);
}

/* ------------------------------------------------------------------------------------------------ */
/* GPT trunk                                                                                         */
/* ------------------------------------------------------------------------------------------------ */

/* Weight order: wte, wpe, then per layer: ln1g ln1b wqkv bqkv wproj bproj ln2g ln2b wfc bfc wp2 bp2, then lnfg lnfb. */
enum { L_LN1G, L_LN1B, L_WQKV, L_BQKV, L_WPROJ, L_BPROJ, L_LN2G, L_LN2B, L_WFC, L_BFC, L_WP2, L_BP2, L_COUNT };
#define WTE 0
#define WPE 1
#define LW(l, i) (2 + (l) * L_COUNT + (i))
#define LNFG(L) (2 + (L) * L_COUNT)
#define LNFB(L) (3 + (L) * L_COUNT)

/* Saved activations per layer, offsets in floats (N = B·T rows). */
typedef struct {
  size_t x, ln1, m1, r1, qkv, att, y, x1, ln2, m2, r2, h, g, size;
} LayerActs;

static LayerActs layer_acts(int B, int T, int D, int H) {
  size_t N = (size_t)B * T, o = 0;
  LayerActs a;
  a.x = o; o += N * D;
  a.ln1 = o; o += N * D;
  a.m1 = o; o += N;
  a.r1 = o; o += N;
  a.qkv = o; o += N * 3 * D;
  a.att = o; o += (size_t)B * H * T * T;
  a.y = o; o += N * D;
  a.x1 = o; o += N * D;
  a.ln2 = o; o += N * D;
  a.m2 = o; o += N;
  a.r2 = o; o += N;
  a.h = o; o += N * 4 * D;
  a.g = o; o += N * 4 * D;
  a.size = o;
  return a;
}

/* Total: L layers + final residual xL [N·D] + final mean/rstd [2N]. */
static size_t acts_size(int B, int T, int D, int H, int L) {
  size_t N = (size_t)B * T;
  return layer_acts(B, T, D, H).size * L + N * D + 2 * N;
}

typedef struct {
  const int32_t *ids, *pos;
  const float *wte, *wpe;
  float *x;
  int D;
} EmbedJob;

static void embed_range(void *p, size_t lo, size_t hi) {
  EmbedJob *j = (EmbedJob *)p;
  int D = j->D;
  for (size_t n = lo; n < hi; n++) {
    const float *te = j->wte + (size_t)j->ids[n] * D, *pe = j->wpe + (size_t)j->pos[n] * D;
    float *xr = j->x + n * D;
    for (int i = 0; i < D; i++) xr[i] = te[i] + pe[i];
  }
}

static void add_into_range(void *p, size_t lo, size_t hi) {
  EwJob *j = (EwJob *)p;
  float *y = j->y;
  const float *x = j->x;
#pragma omp simd
  for (size_t i = lo; i < hi; i++) y[i] += x[i];
}

/* y[i] += x[i] over n floats. */
static void add_into(float *y, const float *x, size_t n) {
  EwJob j = {x, NULL, y};
  parallel_range(n, EW_GRAIN, add_into_range, &j);
}

static void trunk_forward(int B, int T, int D, int H, int L, int V, const int32_t *ids, const int32_t *pos, const float *keyMask, float **w, float *acts, float *hidden) {
  size_t N = (size_t)B * T;
  LayerActs la = layer_acts(B, T, D, H);
  float *x = acts; /* layer 0 input */
  (void)V;
  EmbedJob ej = {ids, pos, w[WTE], w[WPE], x, D};
  parallel_range(N, ROW_GRAIN, embed_range, &ej);
  for (int l = 0; l < L; l++) {
    float *a = acts + la.size * l;
    float *xin = a + la.x;
    float *xout = l + 1 < L ? acts + la.size * (l + 1) + la.x : acts + la.size * L;
    ln_fwd(xin, w[LW(l, L_LN1G)], w[LW(l, L_LN1B)], a + la.ln1, a + la.m1, a + la.r1, (int)N, D, 1e-5f);
    linear_fwd(a + la.ln1, w[LW(l, L_WQKV)], w[LW(l, L_BQKV)], a + la.qkv, (int)N, D, 3 * D);
    attn_fwd(a + la.qkv, keyMask, a + la.att, a + la.y, B, T, D, H);
    linear_fwd(a + la.y, w[LW(l, L_WPROJ)], w[LW(l, L_BPROJ)], a + la.x1, (int)N, D, D);
    float *x1 = a + la.x1;
    add_into(x1, xin, N * D);
    ln_fwd(x1, w[LW(l, L_LN2G)], w[LW(l, L_LN2B)], a + la.ln2, a + la.m2, a + la.r2, (int)N, D, 1e-5f);
    linear_fwd(a + la.ln2, w[LW(l, L_WFC)], w[LW(l, L_BFC)], a + la.h, (int)N, D, 4 * D);
    gelu_fwd(a + la.h, a + la.g, N * 4 * D);
    linear_fwd(a + la.g, w[LW(l, L_WP2)], w[LW(l, L_BP2)], xout, (int)N, 4 * D, D);
    add_into(xout, x1, N * D);
  }
  float *xL = acts + la.size * L;
  ln_fwd(xL, w[LNFG(L)], w[LNFB(L)], hidden, xL + N * D, xL + N * D + N, (int)N, D, 1e-5f);
}

static float *scratch;
static size_t scratchCap;

/* Gradients (overwritten, same order as weights) from dHidden [N, D]. */
static void trunk_backward(int B, int T, int D, int H, int L, int V, const int32_t *ids, const int32_t *pos, float **w, const float *acts, const float *dhidden, float **grad, const size_t *gsize) {
  size_t N = (size_t)B * T;
  (void)V;
  LayerActs la = layer_acts(B, T, D, H);
  int nw = 4 + L * L_COUNT;
  for (int i = 0; i < nw; i++) memset(grad[i], 0, gsize[i] * sizeof(float));
  /* scratch: dres [N·D], dtmp [N·4D] (dqkv needs 3D, dh 4D), dsmall [N·D] */
  float *s = grow(&scratch, &scratchCap, N * D + N * 4 * D + N * D);
  float *dres = s, *dbig = s + N * D, *dsm = dbig + N * 4 * D;
  const float *xL = acts + la.size * L;
  ln_bwd(xL, w[LNFG(L)], xL + N * D, xL + N * D + N, dhidden, dres, grad[LNFG(L)], grad[LNFB(L)], (int)N, D, 0);
  for (int l = L - 1; l >= 0; l--) {
    const float *a = acts + la.size * l;
    /* MLP: xout = x1 + gelu(ln2·Wfc + bfc)·Wp2 + bp2 */
    linear_bwd(a + la.g, w[LW(l, L_WP2)], dres, dbig, grad[LW(l, L_WP2)], grad[LW(l, L_BP2)], (int)N, 4 * D, D, 0);
    gelu_bwd(a + la.h, dbig, dbig, N * 4 * D);
    linear_bwd(a + la.ln2, w[LW(l, L_WFC)], dbig, dsm, grad[LW(l, L_WFC)], grad[LW(l, L_BFC)], (int)N, D, 4 * D, 0);
    ln_bwd(a + la.x1, w[LW(l, L_LN2G)], a + la.m2, a + la.r2, dsm, dres, grad[LW(l, L_LN2G)], grad[LW(l, L_LN2B)], (int)N, D, 1);
    /* attention: x1 = x + attn(ln1)·Wproj + bproj */
    linear_bwd(a + la.y, w[LW(l, L_WPROJ)], dres, dsm, grad[LW(l, L_WPROJ)], grad[LW(l, L_BPROJ)], (int)N, D, D, 0);
    attn_bwd(a + la.qkv, a + la.att, dsm, dbig, B, T, D, H);
    linear_bwd(a + la.ln1, w[LW(l, L_WQKV)], dbig, dsm, grad[LW(l, L_WQKV)], grad[LW(l, L_BQKV)], (int)N, D, 3 * D, 0);
    ln_bwd(a + la.x, w[LW(l, L_LN1G)], a + la.m1, a + la.r1, dsm, dres, grad[LW(l, L_LN1G)], grad[LW(l, L_LN1B)], (int)N, D, 1);
  }
  /* embeddings: scatter-add (serial: ids repeat) */
  for (size_t n = 0; n < N; n++) {
    float *gt = grad[WTE] + (size_t)ids[n] * D, *gp = grad[WPE] + (size_t)pos[n] * D;
    const float *d = dres + n * D;
    for (int i = 0; i < D; i++) {
      gt[i] += d[i];
      gp[i] += d[i];
    }
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Incremental decoding over a preallocated cache K, V [L][B, H, Tmax, hd]                           */
/* ------------------------------------------------------------------------------------------------ */

#define DECODE_POOL_ROWS 64

/* Runs Tn new tokens per row after Tp cached ones: writes their keys/values into the cache and returns the
 * final hidden state (after ln_f) of the last new position [B, D] and its logits [B, V] (tied wte). */
static void decode_step(int B, int Tn, int Tp, int Tmax, int D, int H, int L, int V, const int32_t *ids, const int32_t *pos, const float *keyMask /* [B, Tp+Tn] */,
                        float **w, float *kc, float *vc, float *hiddenOut, float *logitsOut) {
  size_t N = (size_t)B * Tn;
  /* A decode step over a few rows is ~1 ms of small products: handing them to the pool costs more than it
   * saves, so below DECODE_POOL_ROWS new rows it runs on the calling thread (as if inside a chunk: nested
   * parallel_for calls run serially). Measured: batch 32 ran faster serial; a 200-episode FO-maze
   * evaluation (batch 100) ran 1.1-1.25x faster with the pool. Results are the same either way. */
  int savedInside = g_inside;
  if (N < DECODE_POOL_ROWS) g_inside = 1;
  int hd = D / H, Tk = Tp + Tn;
  float scale = 1.f / sqrtf((float)hd);
  float *s = grow(&scratch, &scratchCap, N * D * 4 + N * 3 * D + N * 4 * D + (size_t)Tk + 2 * N);
  float *x = s, *xn = x + N * D, *y = xn + N * D, *x1 = y + N * D, *qkv = x1 + N * D, *hbuf = qkv + N * 3 * D, *sc = hbuf + N * 4 * D;
  for (size_t n = 0; n < N; n++) {
    const float *te = w[WTE] + (size_t)ids[n] * D, *pe = w[WPE] + (size_t)pos[n] * D;
    for (int i = 0; i < D; i++) x[n * D + i] = te[i] + pe[i];
  }
  for (int l = 0; l < L; l++) {
    ln_fwd(x, w[LW(l, L_LN1G)], w[LW(l, L_LN1B)], xn, NULL, NULL, (int)N, D, 1e-5f);
    linear_fwd(xn, w[LW(l, L_WQKV)], w[LW(l, L_BQKV)], qkv, (int)N, D, 3 * D);
    float *K = kc + (size_t)l * B * H * Tmax * hd, *Vv = vc + (size_t)l * B * H * Tmax * hd;
    for (int b = 0; b < B; b++)
      for (int t = 0; t < Tn; t++)
        for (int h = 0; h < H; h++) {
          const float *src = qkv + ((size_t)b * Tn + t) * 3 * D + h * hd;
          memcpy(K + (((size_t)b * H + h) * Tmax + Tp + t) * hd, src + D, hd * sizeof(float));
          memcpy(Vv + (((size_t)b * H + h) * Tmax + Tp + t) * hd, src + 2 * D, hd * sizeof(float));
        }
    for (int bht = 0; bht < B * H * Tn; bht++) {
      int b = bht / (H * Tn), h = (bht / Tn) % H, t = bht % Tn;
      float *row = sc;
      const float *q = qkv + ((size_t)b * Tn + t) * 3 * D + h * hd;
      const float *Kh = K + ((size_t)b * H + h) * Tmax * hd, *Vh = Vv + ((size_t)b * H + h) * Tmax * hd;
      const float *km = keyMask + (size_t)b * Tk;
      int last = Tp + t;
      float mx = -INFINITY;
      for (int j = 0; j <= last; j++) {
        if (km[j] == 0.f) { row[j] = -INFINITY; continue; }
        float d = 0.f;
        const float *kr = Kh + (size_t)j * hd;
#pragma omp simd reduction(+ : d)
        for (int i = 0; i < hd; i++) d += q[i] * kr[i];
        row[j] = d * scale;
        if (row[j] > mx) mx = row[j];
      }
      float *yo = y + ((size_t)b * Tn + t) * D + h * hd;
      for (int i = 0; i < hd; i++) yo[i] = 0.f;
      if (mx == -INFINITY) {
        for (int j = 0; j <= last; j++) {
          const float *vr = Vh + (size_t)j * hd;
          for (int i = 0; i < hd; i++) yo[i] += vr[i] / (last + 1);
        }
        continue;
      }
      float sum = 0.f;
      for (int j = 0; j <= last; j++) {
        float e = row[j] == -INFINITY ? 0.f : exp_fast(row[j] - mx);
        row[j] = e;
        sum += e;
      }
      float inv = 1.f / sum;
      for (int j = 0; j <= last; j++) {
        if (row[j] == 0.f) continue;
        float p = row[j] * inv;
        const float *vr = Vh + (size_t)j * hd;
#pragma omp simd
        for (int i = 0; i < hd; i++) yo[i] += p * vr[i];
      }
    }
    linear_fwd(y, w[LW(l, L_WPROJ)], w[LW(l, L_BPROJ)], x1, (int)N, D, D);
    for (size_t i = 0; i < N * D; i++) x1[i] += x[i];
    ln_fwd(x1, w[LW(l, L_LN2G)], w[LW(l, L_LN2B)], xn, NULL, NULL, (int)N, D, 1e-5f);
    linear_fwd(xn, w[LW(l, L_WFC)], w[LW(l, L_BFC)], hbuf, (int)N, D, 4 * D);
    gelu_fwd(hbuf, hbuf, N * 4 * D);
    linear_fwd(hbuf, w[LW(l, L_WP2)], w[LW(l, L_BP2)], x, (int)N, 4 * D, D);
    for (size_t i = 0; i < N * D; i++) x[i] += x1[i];
  }
  /* last new position of each row */
  for (int b = 0; b < B; b++) memcpy(xn + (size_t)b * D, x + ((size_t)b * Tn + Tn - 1) * D, D * sizeof(float));
  ln_fwd(xn, w[LNFG(L)], w[LNFB(L)], hiddenOut, NULL, NULL, B, D, 1e-5f);
  sgemm(0, 1, B, V, D, 1.f, hiddenOut, D, w[WTE], D, 0.f, logitsOut, V);
  g_inside = savedInside;
}

/* ------------------------------------------------------------------------------------------------ */
/* Cross-entropy and AdamW                                                                           */
/* ------------------------------------------------------------------------------------------------ */

/* loss[n] = min(logsumexp(logits[n]) − logits[n, t], −log(1e-37)) — the cap matches the tfjs twin's floor. */
typedef struct {
  const float *logits, *dloss;
  const int32_t *tg;
  float *out;
  int V;
} CeJob;

/* −log(1e-37): the cross-entropy cap that matches the tfjs twin's probability floor. */
#define CE_CAP 85.19564844f

/* logsumexp of one row r[V]. */
static float lse_row(const float *r, int V) {
  float mx = -INFINITY;
  for (int j = 0; j < V; j++) mx = r[j] > mx ? r[j] : mx;
  float s = 0.f;
#pragma omp simd reduction(+ : s)
  for (int j = 0; j < V; j++) s += exp_fast(r[j] - mx);
  return logf(s) + mx;
}

/* d[V] = scale · softmax(r[V]). */
static void softmax_row_scaled(const float *r, int V, float scale, float *d) {
  float mx = -INFINITY;
  for (int j = 0; j < V; j++) mx = r[j] > mx ? r[j] : mx;
  float s = 0.f;
#pragma omp simd reduction(+ : s)
  for (int j = 0; j < V; j++) {
    d[j] = exp_fast(r[j] - mx);
    s += d[j];
  }
  float k = scale / s;
#pragma omp simd
  for (int j = 0; j < V; j++) d[j] *= k;
}

static void ce_fwd_range(void *p, size_t lo, size_t hi) {
  CeJob *j = (CeJob *)p;
  for (size_t n = lo; n < hi; n++) {
    const float *r = j->logits + n * j->V;
    float l = lse_row(r, j->V) - r[j->tg[n]];
    j->out[n] = l > CE_CAP ? CE_CAP : l;
  }
}

static void ce_fwd(const float *logits, const int32_t *tg, float *loss, int N, int V) {
  CeJob j = {logits, NULL, tg, loss, V};
  parallel_range((size_t)N, ROW_GRAIN, ce_fwd_range, &j);
}

/* dlogits[n] = dloss[n]·(softmax(logits[n]) − onehot(t)). */
static void ce_bwd_range(void *p, size_t lo, size_t hi) {
  CeJob *j = (CeJob *)p;
  for (size_t n = lo; n < hi; n++) {
    float *d = j->out + n * j->V;
    softmax_row_scaled(j->logits + n * j->V, j->V, j->dloss[n], d);
    d[j->tg[n]] -= j->dloss[n];
  }
}

static void ce_bwd(const float *logits, const int32_t *tg, const float *dloss, float *dl, int N, int V) {
  CeJob j = {logits, dloss, tg, dl, V};
  parallel_range((size_t)N, ROW_GRAIN, ce_bwd_range, &j);
}

/* ------------------------------------------------------------------------------------------------ */
/* ILQL objective over N decision positions (Snell et al. 2023; see src/algorithms/ilql.ts)          */
/* ------------------------------------------------------------------------------------------------ */

/* Per position n (a = target token, m = mask): Q_i = q_i[n, a], y = r + γ·vNext, q̂ = min(tq1, tq2),
 * u = q̂ − V, w = u > 0 ? τ : 1 − τ, ce_i = logsumexp(q_i[n]) − Q_i (capped like ce_fwd). Rows are
 * computed by the pool into `rows` [N, ILQL_ROW]; the sums run serially in row order (fixed order). */
enum { IR_M, IR_LQ1, IR_LQ2, IR_LV, IR_CE1, IR_CE2, IR_Q1, IR_Q2, IR_V, IR_QHAT, IR_Y, IR_U, IR_W, ILQL_ROW };
typedef struct {
  const float *q1, *q2, *v, *tq1, *tq2, *vn, *mask, *r;
  const int32_t *tg;
  float gamma, tau, scale, cql;
  int V;
  float *rows, *dq1, *dq2, *dv;
} IlqlJob;

static void ilql_fwd_range(void *p, size_t lo, size_t hi) {
  IlqlJob *j = (IlqlJob *)p;
  for (size_t n = lo; n < hi; n++) {
    const float *a1 = j->q1 + n * j->V, *a2 = j->q2 + n * j->V;
    int a = j->tg[n];
    float Q1 = a1[a], Q2 = a2[a], y = j->r[n] + j->gamma * j->vn[n];
    float qh = j->tq1[n] < j->tq2[n] ? j->tq1[n] : j->tq2[n], u = qh - j->v[n], w = u > 0.f ? j->tau : 1.f - j->tau;
    float c1 = lse_row(a1, j->V) - Q1, c2 = lse_row(a2, j->V) - Q2;
    float *o = j->rows + n * ILQL_ROW;
    o[IR_M] = j->mask[n];
    o[IR_LQ1] = 0.5f * (Q1 - y) * (Q1 - y);
    o[IR_LQ2] = 0.5f * (Q2 - y) * (Q2 - y);
    o[IR_LV] = w * (0.5f * u * u);
    o[IR_CE1] = c1 > CE_CAP ? CE_CAP : c1;
    o[IR_CE2] = c2 > CE_CAP ? CE_CAP : c2;
    o[IR_Q1] = Q1;
    o[IR_Q2] = Q2;
    o[IR_V] = j->v[n];
    o[IR_QHAT] = qh;
    o[IR_Y] = y;
    o[IR_U] = u;
    o[IR_W] = w;
  }
}

/* Gradients of loss = L_Q1 + L_Q2 + L_V + α(L_CQL1 + L_CQL2), each a masked mean, times `scale` (dLoss):
 * dq_i[n] = s·α·(softmax(q_i[n]) − onehot(a)) + s·(Q_i − y)·onehot(a), dv[n] = −s·w·u, s = scale·m/M. */
static void ilql_bwd_range(void *p, size_t lo, size_t hi) {
  IlqlJob *j = (IlqlJob *)p;
  for (size_t n = lo; n < hi; n++) {
    const float *o = j->rows + n * ILQL_ROW;
    float s = j->scale * o[IR_M];
    int a = j->tg[n];
    for (int h = 0; h < 2; h++) {
      float *d = (h ? j->dq2 : j->dq1) + n * j->V;
      softmax_row_scaled((h ? j->q2 : j->q1) + n * j->V, j->V, s * j->cql, d);
      d[a] += s * ((h ? o[IR_Q2] : o[IR_Q1]) - o[IR_Y]) - s * j->cql;
    }
    j->dv[n] = -s * o[IR_W] * o[IR_U];
  }
}

static float *ilqlRows;
static size_t ilqlRowsCap;

/* ------------------------------------------------------------------------------------------------ */
/* N-API glue                                                                                        */
/* ------------------------------------------------------------------------------------------------ */

#define CHECK(call)                                                              \
  do {                                                                           \
    if ((call) != napi_ok) {                                                     \
      napi_throw_error(env, NULL, "lmrl native: N-API call failed: " #call);     \
      return NULL;                                                               \
    }                                                                            \
  } while (0)

static int getArgs(napi_env env, napi_callback_info info, size_t want, napi_value *argv) {
  size_t argc = want;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < want) {
    napi_throw_error(env, NULL, "lmrl native: too few arguments");
    return 0;
  }
  return 1;
}

static double num(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return d;
}

/* Pointer into a typed array (float32 or int32); NULL for null/undefined. */
static void *ptr(napi_env env, napi_value v, size_t *len) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  if (t == napi_null || t == napi_undefined) {
    if (len) *len = 0;
    return NULL;
  }
  napi_typedarray_type type;
  size_t length, offset;
  void *data = NULL;
  napi_value ab;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, &ab, &offset) != napi_ok) {
    if (len) *len = 0;
    return NULL;
  }
  if (len) *len = length;
  return data;
}

/* Array of Float32Arrays -> pointer array (caller frees). */
static float **ptrList(napi_env env, napi_value arr, uint32_t *count, size_t **sizes) {
  uint32_t n = 0;
  napi_get_array_length(env, arr, &n);
  float **out = (float **)malloc(sizeof(float *) * (n ? n : 1));
  if (sizes) *sizes = (size_t *)malloc(sizeof(size_t) * (n ? n : 1));
  for (uint32_t i = 0; i < n; i++) {
    napi_value e;
    napi_get_element(env, arr, i, &e);
    size_t len = 0;
    out[i] = (float *)ptr(env, e, &len);
    if (sizes) (*sizes)[i] = len;
  }
  *count = n;
  return out;
}

typedef struct {
  int tA, tB, M, N, K, lda, ldb;
  float alpha, beta;
  const float *A, *B;
  float *C;
  size_t sA, sB, sC;
} BatchGemmJob;

static void batch_gemm_chunk(void *p, int i) {
  BatchGemmJob *j = (BatchGemmJob *)p;
  sgemm_serial(j->tA, j->tB, j->M, j->N, j->K, j->alpha, j->A + j->sA * i, j->lda, j->B + j->sB * i, j->ldb, j->beta, j->C + j->sC * i, j->N);
}

/* gemm(tA, tB, M, N, K, alpha, A, aOff, B, bOff, beta, C, cOff, batch, sA, sB, sC) */
static napi_value js_gemm(napi_env env, napi_callback_info info) {
  napi_value a[17];
  if (!getArgs(env, info, 17, a)) return NULL;
  int tA = (int)num(env, a[0]), tB = (int)num(env, a[1]), M = (int)num(env, a[2]), N = (int)num(env, a[3]), K = (int)num(env, a[4]);
  float alpha = (float)num(env, a[5]), beta = (float)num(env, a[10]);
  float *A = (float *)ptr(env, a[6], NULL) + (size_t)num(env, a[7]);
  float *Bm = (float *)ptr(env, a[8], NULL) + (size_t)num(env, a[9]);
  float *C = (float *)ptr(env, a[11], NULL) + (size_t)num(env, a[12]);
  int batch = (int)num(env, a[13]);
  size_t sA = (size_t)num(env, a[14]), sB = (size_t)num(env, a[15]), sC = (size_t)num(env, a[16]);
  int lda = tA ? M : K, ldb = tB ? K : N;
  if (batch == 1) {
    sgemm(tA, tB, M, N, K, alpha, A, lda, Bm, ldb, beta, C, N);
  } else if ((double)M * N * K < 262144.0 && batch >= nthreads()) {
    BatchGemmJob j = {tA, tB, M, N, K, lda, ldb, alpha, beta, A, Bm, C, sA, sB, sC};
    parallel_for(batch, batch_gemm_chunk, &j);
  } else {
    for (int i = 0; i < batch; i++) sgemm(tA, tB, M, N, K, alpha, A + sA * i, lda, Bm + sB * i, ldb, beta, C + sC * i, N);
  }
  return NULL;
}

/* trunkActsSize(B, T, D, H, L) -> floats */
static napi_value js_actsSize(napi_env env, napi_callback_info info) {
  napi_value a[5], r;
  if (!getArgs(env, info, 5, a)) return NULL;
  CHECK(napi_create_double(env, (double)acts_size((int)num(env, a[0]), (int)num(env, a[1]), (int)num(env, a[2]), (int)num(env, a[3]), (int)num(env, a[4])), &r));
  return r;
}

/* trunkForward(B, T, D, H, L, V, ids, pos, keyMask|null, weights[], acts, hidden) */
static napi_value js_trunkForward(napi_env env, napi_callback_info info) {
  napi_value a[12];
  if (!getArgs(env, info, 12, a)) return NULL;
  uint32_t nw;
  float **w = ptrList(env, a[9], &nw, NULL);
  trunk_forward((int)num(env, a[0]), (int)num(env, a[1]), (int)num(env, a[2]), (int)num(env, a[3]), (int)num(env, a[4]), (int)num(env, a[5]),
                (int32_t *)ptr(env, a[6], NULL), (int32_t *)ptr(env, a[7], NULL), (float *)ptr(env, a[8], NULL), w, (float *)ptr(env, a[10], NULL),
                (float *)ptr(env, a[11], NULL));
  free(w);
  return NULL;
}

/* trunkBackward(B, T, D, H, L, V, ids, pos, weights[], acts, dHidden, grads[]) */
static napi_value js_trunkBackward(napi_env env, napi_callback_info info) {
  napi_value a[12];
  if (!getArgs(env, info, 12, a)) return NULL;
  uint32_t nw, ng;
  float **w = ptrList(env, a[8], &nw, NULL);
  size_t *gs;
  float **g = ptrList(env, a[11], &ng, &gs);
  trunk_backward((int)num(env, a[0]), (int)num(env, a[1]), (int)num(env, a[2]), (int)num(env, a[3]), (int)num(env, a[4]), (int)num(env, a[5]),
                 (int32_t *)ptr(env, a[6], NULL), (int32_t *)ptr(env, a[7], NULL), w, (float *)ptr(env, a[9], NULL), (float *)ptr(env, a[10], NULL), g, gs);
  free(w);
  free(g);
  free(gs);
  return NULL;
}

/* decodeStep(B, Tn, Tp, Tmax, D, H, L, V, ids, pos, keyMask, weights[], kcache, vcache, hiddenOut, logitsOut) */
static napi_value js_decodeStep(napi_env env, napi_callback_info info) {
  napi_value a[16];
  if (!getArgs(env, info, 16, a)) return NULL;
  uint32_t nw;
  float **w = ptrList(env, a[11], &nw, NULL);
  decode_step((int)num(env, a[0]), (int)num(env, a[1]), (int)num(env, a[2]), (int)num(env, a[3]), (int)num(env, a[4]), (int)num(env, a[5]), (int)num(env, a[6]),
              (int)num(env, a[7]), (int32_t *)ptr(env, a[8], NULL), (int32_t *)ptr(env, a[9], NULL), (float *)ptr(env, a[10], NULL), w, (float *)ptr(env, a[12], NULL),
              (float *)ptr(env, a[13], NULL), (float *)ptr(env, a[14], NULL), (float *)ptr(env, a[15], NULL));
  free(w);
  return NULL;
}

/* layerNormForward(N, D, eps, x, g, b, y, mean, rstd) */
static napi_value js_lnFwd(napi_env env, napi_callback_info info) {
  napi_value a[9];
  if (!getArgs(env, info, 9, a)) return NULL;
  ln_fwd((float *)ptr(env, a[3], NULL), (float *)ptr(env, a[4], NULL), (float *)ptr(env, a[5], NULL), (float *)ptr(env, a[6], NULL), (float *)ptr(env, a[7], NULL),
         (float *)ptr(env, a[8], NULL), (int)num(env, a[0]), (int)num(env, a[1]), (float)num(env, a[2]));
  return NULL;
}

/* layerNormBackward(N, D, x, g, mean, rstd, dy, dx, dg, db) — dg/db must be zeroed by the caller */
static napi_value js_lnBwd(napi_env env, napi_callback_info info) {
  napi_value a[10];
  if (!getArgs(env, info, 10, a)) return NULL;
  ln_bwd((float *)ptr(env, a[2], NULL), (float *)ptr(env, a[3], NULL), (float *)ptr(env, a[4], NULL), (float *)ptr(env, a[5], NULL), (float *)ptr(env, a[6], NULL),
         (float *)ptr(env, a[7], NULL), (float *)ptr(env, a[8], NULL), (float *)ptr(env, a[9], NULL), (int)num(env, a[0]), (int)num(env, a[1]), 0);
  return NULL;
}

/* geluForward(x, y) / geluBackward(x, dy, dx) */
static napi_value js_geluFwd(napi_env env, napi_callback_info info) {
  napi_value a[2];
  if (!getArgs(env, info, 2, a)) return NULL;
  size_t n;
  float *x = (float *)ptr(env, a[0], &n);
  gelu_fwd(x, (float *)ptr(env, a[1], NULL), n);
  return NULL;
}
static napi_value js_geluBwd(napi_env env, napi_callback_info info) {
  napi_value a[3];
  if (!getArgs(env, info, 3, a)) return NULL;
  size_t n;
  float *x = (float *)ptr(env, a[0], &n);
  gelu_bwd(x, (float *)ptr(env, a[1], NULL), (float *)ptr(env, a[2], NULL), n);
  return NULL;
}

/* ceForward(N, V, logits, targets, loss) / ceBackward(N, V, logits, targets, dloss, dlogits) */
static napi_value js_ceFwd(napi_env env, napi_callback_info info) {
  napi_value a[5];
  if (!getArgs(env, info, 5, a)) return NULL;
  ce_fwd((float *)ptr(env, a[2], NULL), (int32_t *)ptr(env, a[3], NULL), (float *)ptr(env, a[4], NULL), (int)num(env, a[0]), (int)num(env, a[1]));
  return NULL;
}
static napi_value js_ceBwd(napi_env env, napi_callback_info info) {
  napi_value a[6];
  if (!getArgs(env, info, 6, a)) return NULL;
  ce_bwd((float *)ptr(env, a[2], NULL), (int32_t *)ptr(env, a[3], NULL), (float *)ptr(env, a[4], NULL), (float *)ptr(env, a[5], NULL), (int)num(env, a[0]), (int)num(env, a[1]));
  return NULL;
}

typedef struct {
  const float *x;
  size_t n;
  double *part;
} SqJob;

static void sumsq_chunk(void *p, int c) {
  SqJob *j = (SqJob *)p;
  size_t lo = (size_t)c * EW_GRAIN, hi = lo + EW_GRAIN < j->n ? lo + EW_GRAIN : j->n;
  double s = 0;
  for (size_t i = lo; i < hi; i++) s += (double)j->x[i] * j->x[i];
  j->part[c] = s;
}

/* sumSquares(x) -> Σ x² (double accumulation per fixed chunk of EW_GRAIN floats, chunks added in order) */
static napi_value js_sumSquares(napi_env env, napi_callback_info info) {
  napi_value a[1], r;
  if (!getArgs(env, info, 1, a)) return NULL;
  size_t n;
  float *x = (float *)ptr(env, a[0], &n);
  int nchunks = (int)((n + EW_GRAIN - 1) / EW_GRAIN);
  double stackPart[64], *part = nchunks <= 64 ? stackPart : (double *)malloc(sizeof(double) * nchunks);
  SqJob j = {x, n, part};
  parallel_for(nchunks, sumsq_chunk, &j);
  double s = 0;
  for (int c = 0; c < nchunks; c++) s += part[c];
  if (part != stackPart) free(part);
  CHECK(napi_create_double(env, s, &r));
  return r;
}

/* denseForward(N, In, Out, x, W, b|null, relu, y) */
static napi_value js_denseFwd(napi_env env, napi_callback_info info) {
  napi_value a[8];
  if (!getArgs(env, info, 8, a)) return NULL;
  dense_fwd((float *)ptr(env, a[3], NULL), (float *)ptr(env, a[4], NULL), (float *)ptr(env, a[5], NULL), (int)num(env, a[6]), (float *)ptr(env, a[7], NULL), (int)num(env, a[0]),
            (int)num(env, a[1]), (int)num(env, a[2]));
  return NULL;
}

/* denseBackward(N, In, Out, x, W, y|null, relu, dy, dx|null, dW, db|null) */
static napi_value js_denseBwd(napi_env env, napi_callback_info info) {
  napi_value a[11];
  if (!getArgs(env, info, 11, a)) return NULL;
  dense_bwd((float *)ptr(env, a[3], NULL), (float *)ptr(env, a[4], NULL), (float *)ptr(env, a[5], NULL), (int)num(env, a[6]), (float *)ptr(env, a[7], NULL),
            (float *)ptr(env, a[8], NULL), (float *)ptr(env, a[9], NULL), (float *)ptr(env, a[10], NULL), (int)num(env, a[0]), (int)num(env, a[1]), (int)num(env, a[2]));
  return NULL;
}

/* takeDense(N, In, Out, h, W, b|null, tokens, out) */
static napi_value js_takeDense(napi_env env, napi_callback_info info) {
  napi_value a[8];
  if (!getArgs(env, info, 8, a)) return NULL;
  TakeJob j = {(float *)ptr(env, a[3], NULL), (float *)ptr(env, a[4], NULL), (float *)ptr(env, a[5], NULL), (int32_t *)ptr(env, a[6], NULL), (float *)ptr(env, a[7], NULL),
               (int)num(env, a[1]), (int)num(env, a[2])};
  parallel_range((size_t)num(env, a[0]), ROW_GRAIN, take_dense_range, &j);
  return NULL;
}

/* ilqlLoss(N, V, q1, q2, v, tq1, tq2, vNext, targets, mask, rewards, gamma, tau, cqlWeight, out[13])
 * out: loss, lossQ1, lossQ2, lossV, cql1, cql2, then masked means of Q1, Q2, V, q̂, y, u, w.
 * ilqlLossBackward(same inputs..., cqlWeight, dLoss, dq1, dq2, dv) recomputes the rows. */
static int ilql_args(napi_env env, napi_callback_info info, napi_value *a, size_t want, IlqlJob *j, int *N) {
  if (!getArgs(env, info, want, a)) return 0;
  *N = (int)num(env, a[0]);
  j->V = (int)num(env, a[1]);
  j->q1 = (float *)ptr(env, a[2], NULL);
  j->q2 = (float *)ptr(env, a[3], NULL);
  j->v = (float *)ptr(env, a[4], NULL);
  j->tq1 = (float *)ptr(env, a[5], NULL);
  j->tq2 = (float *)ptr(env, a[6], NULL);
  j->vn = (float *)ptr(env, a[7], NULL);
  j->tg = (int32_t *)ptr(env, a[8], NULL);
  j->mask = (float *)ptr(env, a[9], NULL);
  j->r = (float *)ptr(env, a[10], NULL);
  j->gamma = (float)num(env, a[11]);
  j->tau = (float)num(env, a[12]);
  j->cql = (float)num(env, a[13]);
  j->rows = grow(&ilqlRows, &ilqlRowsCap, (size_t)*N * ILQL_ROW);
  parallel_range((size_t)*N, ROW_GRAIN, ilql_fwd_range, j);
  return 1;
}

static napi_value js_ilqlLoss(napi_env env, napi_callback_info info) {
  napi_value a[15];
  IlqlJob j;
  int N;
  if (!ilql_args(env, info, a, 15, &j, &N)) return NULL;
  float *out = (float *)ptr(env, a[14], NULL);
  double sum[ILQL_ROW] = {0};
  for (int n = 0; n < N; n++) {
    const float *o = j.rows + (size_t)n * ILQL_ROW;
    sum[IR_M] += o[IR_M];
    for (int k = 1; k < ILQL_ROW; k++) sum[k] += (double)o[k] * o[IR_M];
  }
  double M = sum[IR_M] > 1 ? sum[IR_M] : 1;
  for (int k = 1; k < ILQL_ROW; k++) out[k] = (float)(sum[k] / M); /* out[1..12] follow the row layout */
  out[0] = out[IR_LQ1] + out[IR_LQ2] + out[IR_LV] + j.cql * (out[IR_CE1] + out[IR_CE2]);
  return NULL;
}

static napi_value js_ilqlLossBwd(napi_env env, napi_callback_info info) {
  napi_value a[18];
  IlqlJob j;
  int N;
  if (!ilql_args(env, info, a, 18, &j, &N)) return NULL;
  double M = 0;
  for (int n = 0; n < N; n++) M += j.rows[(size_t)n * ILQL_ROW + IR_M];
  j.scale = (float)(num(env, a[14]) / (M > 1 ? M : 1));
  j.dq1 = (float *)ptr(env, a[15], NULL);
  j.dq2 = (float *)ptr(env, a[16], NULL);
  j.dv = (float *)ptr(env, a[17], NULL);
  parallel_range((size_t)N, ROW_GRAIN, ilql_bwd_range, &j);
  return NULL;
}

typedef struct {
  float *p;
  const float *g;
  float *m, *v;
  float gs, b1, b2, bc1, bc2, eps, lr, wd;
} AdamJob;

static void adamw_range(void *q, size_t lo, size_t hi) {
  AdamJob *j = (AdamJob *)q;
  float *p = j->p, *m = j->m, *v = j->v;
  const float *g = j->g;
  float gs = j->gs, b1 = j->b1, b2 = j->b2, bc1 = j->bc1, bc2 = j->bc2, eps = j->eps, lr = j->lr, wd = j->wd;
#pragma omp simd
  for (size_t i = lo; i < hi; i++) {
    float gi = g[i] * gs;
    float mi = b1 * m[i] + (1.f - b1) * gi;
    float vi = b2 * v[i] + (1.f - b2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    float upd = (mi / bc1) / (sqrtf(vi / bc2) + eps) + wd * p[i];
    p[i] -= lr * upd;
  }
}

/* adamw(p, g, m, v, gScale, beta1, beta2, bc1, bc2, eps, lr, wd): in place on p, m, v. */
static napi_value js_adamw(napi_env env, napi_callback_info info) {
  napi_value a[12];
  if (!getArgs(env, info, 12, a)) return NULL;
  size_t n;
  float *p = (float *)ptr(env, a[0], &n), *g = (float *)ptr(env, a[1], NULL), *m = (float *)ptr(env, a[2], NULL), *v = (float *)ptr(env, a[3], NULL);
  float gs = (float)num(env, a[4]), b1 = (float)num(env, a[5]), b2 = (float)num(env, a[6]), bc1 = (float)num(env, a[7]), bc2 = (float)num(env, a[8]);
  float eps = (float)num(env, a[9]), lr = (float)num(env, a[10]), wd = (float)num(env, a[11]);
  AdamJob j = {p, g, m, v, gs, b1, b2, bc1, bc2, eps, lr, wd};
  parallel_range(n, EW_GRAIN, adamw_range, &j);
  return NULL;
}

/* setThreads(n) */
static napi_value js_setThreads(napi_env env, napi_callback_info info) {
  napi_value a[1];
  if (!getArgs(env, info, 1, a)) return NULL;
  set_threads((int)num(env, a[0]));
  return NULL;
}

static napi_value js_info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value o, s, t, v;
  CHECK(napi_create_object(env, &o));
#ifdef LMRL_OPENBLAS
  CHECK(napi_create_string_utf8(env, "openblas", NAPI_AUTO_LENGTH, &s));
#else
  CHECK(napi_create_string_utf8(env, "builtin", NAPI_AUTO_LENGTH, &s));
#endif
  CHECK(napi_create_int32(env, nthreads(), &t));
  CHECK(napi_create_int32(env, VL, &v));
  CHECK(napi_set_named_property(env, o, "blas", s));
  CHECK(napi_set_named_property(env, o, "threads", t));
  CHECK(napi_set_named_property(env, o, "simdWidth", v));
  return o;
}

static napi_value Init(napi_env env, napi_value exports) {
  struct {
    const char *name;
    napi_callback cb;
  } fns[] = {
      {"gemm", js_gemm},
      {"trunkActsSize", js_actsSize},
      {"trunkForward", js_trunkForward},
      {"trunkBackward", js_trunkBackward},
      {"decodeStep", js_decodeStep},
      {"layerNormForward", js_lnFwd},
      {"layerNormBackward", js_lnBwd},
      {"geluForward", js_geluFwd},
      {"geluBackward", js_geluBwd},
      {"ceForward", js_ceFwd},
      {"ceBackward", js_ceBwd},
      {"sumSquares", js_sumSquares},
      {"adamw", js_adamw},
      {"denseForward", js_denseFwd},
      {"denseBackward", js_denseBwd},
      {"takeDense", js_takeDense},
      {"ilqlLoss", js_ilqlLoss},
      {"ilqlLossBackward", js_ilqlLossBwd},
      {"setThreads", js_setThreads},
      {"info", js_info},
  };
  for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
    napi_value f;
    if (napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].cb, NULL, &f) != napi_ok) return NULL;
    if (napi_set_named_property(env, exports, fns[i].name, f) != napi_ok) return NULL;
  }
  return exports;
}

NAPI_MODULE(lmrl, Init)
