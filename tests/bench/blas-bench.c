/* blas-bench.c
 * Copyright 2026 The Gradlens authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The measurement behind the choice of CBLAS (README in this folder): one
 * large sgemm (the shape of a 512-wide layer on 1024 samples) and one tiny
 * call (the notebook's 10 x 100 x 10), best of repeated runs.
 *
 *   gcc -O2 blas-bench.c -I/usr/include/x86_64-linux-gnu/openblas-pthread -lopenblas -o bench-openblas
 *   gcc -O2 blas-bench.c -I/usr/include/x86_64-linux-gnu/blis-openmp \
 *       -L/usr/lib/x86_64-linux-gnu/blis-openmp -lblis -o bench-blis
 *   ./bench-openblas; OMP_NUM_THREADS=2 BLIS_NUM_THREADS=2 ./bench-blis */

#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double
now (void)
{
  struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int
main (void)
{
  int M=512,N=1024,K=512; float*a=malloc(4*M*K),*b=malloc(4*K*N),*c=malloc(4*M*N);
for(int i=0;i<M*K;i++)a[i]=rand()/(float)RAND_MAX; for(int i=0;i<K*N;i++)b[i]=rand()/(float)RAND_MAX;
double best=1e9; for(int r=0;r<20;r++){double t=now(); cblas_sgemm(CblasRowMajor,CblasNoTrans,CblasNoTrans,M,N,K,1,a,K,b,N,0,c,N); t=now()-t; if(t<best)best=t;}
printf("512x1024x512 sgemm: %.2f ms, %.1f GFLOP/s\n",best*1e3,2.0*M*N*K/best/1e9);
best=1e9; int m=10,n=100,k=10; for(int r=0;r<100000;r++){double t=now(); cblas_sgemm(CblasRowMajor,CblasNoTrans,CblasNoTrans,m,n,k,1,a,k,b,n,0,c,n); t=now()-t; if(t<best)best=t;}
printf("10x100x10 sgemm: %.3f us\n",best*1e6);}
