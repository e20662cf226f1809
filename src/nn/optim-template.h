/* optim-template.h
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A template, not a header: it defines, once with the suffix _f32 and once with
 * _f64 (SFX), the functions
 *   sgd, sgd_momentum, adam
 * written FN (name): sgd_f32 and sgd_f64 are FN (sgd) below */

/* Included by optim.c once per element type with REAL, SFX, FMA and SQRT
 * defined. Each loop is one fused pass over the values; the scalars are
 * rounded to REAL first, as PyTorch's kernels take them. */

#define FN(name) NN_CAT (name, SFX)

/* param.add_ (grad, alpha=-lr) */
NN_HOT static void
FN (sgd) (const NnOptimConfig * restrict c,
          REAL                * restrict p,
          const REAL          * restrict g,
          size_t                         n)
{
  const REAL neg_lr = (REAL) -c->lr;

  for (size_t i = 0; i < n; i++)
    p[i] = FMA (neg_lr, g[i], p[i]);
}

/* buf = clone (grad) on the first step, then buf.mul_ (momentum).add_ (grad)
 * (dampening 0: alpha 1, an exact fma); param.add_ (buf, alpha=-lr) */
NN_HOT static void
FN (sgd_momentum) (const NnOptimConfig * restrict c,
                   REAL                * restrict p,
                   const REAL          * restrict g,
                   REAL                * restrict buf,
                   size_t                         n,
                   bool                           first)
{
  const REAL neg_lr = (REAL) -c->lr;
  const REAL mom = (REAL) c->momentum;

  if (first)
    for (size_t i = 0; i < n; i++)
      {
        buf[i] = g[i];
        p[i] = FMA (neg_lr, g[i], p[i]);
      }
  else
    for (size_t i = 0; i < n; i++)
      {
        REAL b = buf[i] * mom + g[i];

        buf[i] = b;
        p[i] = FMA (neg_lr, b, p[i]);
      }
}

/* exp_avg.mul_ (beta1).add_ (grad, alpha=1 - beta1)
 * exp_avg_sq.mul_ (beta2).addcmul_ (grad, grad, value=1 - beta2)
 * denom = (exp_avg_sq.sqrt () / bias_correction2_sqrt).add_ (eps)
 * param.addcdiv_ (exp_avg, denom, value=-step_size) */
NN_HOT static void
FN (adam) (const NnOptimConfig * restrict c,
           REAL                * restrict p,
           const REAL          * restrict g,
           REAL                * restrict m,
           REAL                * restrict v,
           size_t                         n,
           double                         step_size,
           double                         bc2_sqrt)
{
  const REAL beta1 = (REAL) c->beta1;
  const REAL one_minus_beta1 = (REAL) (1 - c->beta1);
  const REAL beta2 = (REAL) c->beta2;
  const REAL one_minus_beta2 = (REAL) (1 - c->beta2);
  const REAL eps = (REAL) c->eps;
  const REAL neg_step = (REAL) -step_size;
  const REAL bc2 = (REAL) bc2_sqrt;

  for (size_t i = 0; i < n; i++)
    {
      REAL gi = g[i];
      REAL mi = FMA (one_minus_beta1, gi, m[i] * beta1);
      REAL vi = FMA (one_minus_beta2 * gi, gi, v[i] * beta2);
      REAL denom = SQRT (vi) / bc2 + eps;

      m[i] = mi;
      v[i] = vi;
      p[i] = p[i] + (neg_step * mi) / denom;
    }
}

#undef FN
