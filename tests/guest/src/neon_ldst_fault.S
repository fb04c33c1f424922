@ Advanced SIMD loads and stores that fault part-way or cross a page: which
@ registers and which memory bytes are written before the abort, DFSR/DFAR, and
@ that the base is not written back. Covers SCTLR.A (natural alignment of the
@ first element; byte elements never fault), the long-descriptor fault format
@ (TTBCR.EAE), the end of RAM (external abort), and with the MMU on a read-write
@ page followed by a read-only page, a read-only page followed by an unmapped
@ one, and two read-write pages backed by unrelated physical pages (the second
@ read-only from User mode, where a store crossing into it must not write the
@ first), in A32 and Thumb, little- and big-endian.
        .include "neon_ldst.inc"

        .equ VA_BASE, 0x80000000        @ 1 MiB through l2_nls
        .equ PG_A, VA_BASE              @ read-write  -> nls_pg_a
        .equ PG_B, VA_BASE + 0x1000     @ read-only   -> nls_pg_b
        .equ PG_X, VA_BASE + 0x2000     @ unmapped
        .equ PG_C, VA_BASE + 0x3000     @ read-write, also from User mode -> nls_pg_c
        .equ PG_D, VA_BASE + 0x4000     @ read-write, read-only from User mode -> nls_pg_d
        .equ RAM_END, 0x50000000        @ -m 256
        .equ TTBCR_EAE, (1 << 31)

@ TF "insn", base, w1, w2, inc, name: like T, but r0 = \base (absolute) and the
@ hash covers the 32 bytes before \w1 and the 32 bytes from \w2 (physical
@ addresses of the bytes on either side of the boundary under test), refilled
@ from the buffer pattern first, instead of nls_buf; r0 is hashed relative to
@ \base.
        .macro TF insn, base, w1, w2, inc=0, name
        .pushsection .rodata.str, "aMS", %progbits, 1
        .ifb \name
9010:   .asciz "\insn"
        .else
9010:   .asciz "\name"
        .endif
        .popsection
        MOV32   r0, \w1 - 32
        MOV32   r1, \w2
        MOV32   r2, \base
        bl      tf_prep
        MOV32   r0, \base
        MOV32   r1, \inc
        \insn
        MOV32   ip, 9010b
        bl      tf_report
        .endm

@ TFT: TF with \insn assembled as Thumb (reached with blx, returns with bx lr).
        .macro TFT insn, base, w1, w2, inc=0, name
        .pushsection .rodata.str, "aMS", %progbits, 1
        .ifb \name
9010:   .asciz "T: \insn"
        .else
9010:   .asciz "T: \name"
        .endif
        .popsection
        .pushsection .text.thumbbody, "ax", %progbits
        .balign 4
        .thumb
9011:   \insn
        bx      lr
        .arm
        .popsection
        MOV32   r0, \w1 - 32
        MOV32   r1, \w2
        MOV32   r2, \base
        bl      tf_prep
        MOV32   r0, \base
        MOV32   r1, \inc
        MOV32   ip, 9011b + 1
        blx     ip
        MOV32   ip, 9010b
        bl      tf_report
        .endm

        .text
        .global main
main:
        push    {lr}
        bl      nls_init
        bl      sctlr_a_cases
        bl      ram_end_cases
        bl      mmu_setup
        bl      page_cases
        bl      mmu_off
        pop     {lr}
        bx      lr
        .ltorg

@ ---------------------------------------------------------------- SCTLR.A
sctlr_a_cases:
        push    {lr}
        PUTS    "-- SCTLR.A = 1\n"
        mrc     p15, 0, r0, c1, c0, 0
        orr     r0, r0, #SCTLR_A
        mcr     p15, 0, r0, c1, c0, 0
        isb
        T       "vld1.8 {d0-d3}, [r0]!", 1
        T       "vst1.8 {d0-d3}, [r0], r1", 3, 5
        T       "vld1.8 {d0-d1}, [r0]", 2
        T       "vld1.16 {d0-d1}, [r0]!", 1
        T       "vld1.16 {d0-d2}, [r0]!", 2
        T       "vst1.16 {d0-d1}, [r0]", 6
        T       "vst1.16 {d0-d1}, [r0]", 5
        T       "vld1.32 {d0-d1}, [r0]", 2
        T       "vld1.32 {d0-d1}, [r0]!", 4
        T       "vst1.32 {d0}, [r0]", 6
        T       "vld1.64 {d0-d1}, [r0]", 4
        T       "vld1.64 {d0-d1}, [r0]!", 8
        T       "vst1.64 {d0}, [r0]", 12
        T       "vld1.8 {d0}, [r0:64]", 8
        T       "vld1.8 {d0}, [r0:64]", 4
        T       "vld2.8 {d0-d1}, [r0]", 1
        T       "vld2.16 {d0-d1}, [r0]", 1
        T       "vst2.16 {d0-d1}, [r0]", 2
        T       "vld2.32 {d0-d1}, [r0]", 2
        T       "vld3.32 {d0-d2}, [r0]!", 4
        T       "vst4.16 {d0-d3}, [r0]", 3
        T       "vld4.8 {d0-d3}, [r0]", 7
        T       "vld1.8 {d0[3]}, [r0]", 1
        T       "vld1.16 {d0[3]}, [r0]", 1
        T       "vld4.16 {d0[3], d1[3], d2[3], d3[3]}, [r0]", 2
        T       "vst2.32 {d0[1], d1[1]}, [r0]", 2
        T       "vst2.32 {d0[1], d1[1]}, [r0]", 4
        T       "vld1.8 {d0[], d1[]}, [r0]", 3
        T       "vld1.32 {d0[]}, [r0]", 2
        T       "vld3.16 {d0[], d1[], d2[]}, [r0]", 2
        T       "vld4.16 {d0[], d1[], d2[], d3[]}, [r0]", 1
        T       "setend be; vld1.16 {d0-d1}, [r0]; setend le", 1
        T       "setend be; vld1.16 {d0-d1}, [r0]; setend le", 2
        T       "setend be; vld1.8 {d0-d1}, [r0]; setend le", 1
        T       "setend be; vld1.64 {d0-d1}, [r0]; setend le", 4
        TT      "vld1.8 {d0-d3}, [r0]!", 1
        TT      "vld1.16 {d0-d3}, [r0]!", 1
        TT      "vst1.16 {d0-d3}, [r0]!", 2
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_A
        mcr     p15, 0, r0, c1, c0, 0
        isb
        PUTS    "-- TTBCR.EAE = 1 (long-descriptor fault status)\n"
        mrc     p15, 0, r0, c2, c0, 2
        orr     r0, r0, #TTBCR_EAE
        mcr     p15, 0, r0, c2, c0, 2
        isb
        T       "vld1.8 {d0-d1}, [r0:128]", 8
        T       "vst1.8 {d0-d1}, [r0:64]", 4
        T       "vld4.32 {d0[], d1[], d2[], d3[]}, [r0:128]", 8
        mrc     p15, 0, r0, c1, c0, 0
        orr     r0, r0, #SCTLR_A
        mcr     p15, 0, r0, c1, c0, 0
        isb
        T       "vld1.16 {d0-d1}, [r0]", 1
        T       "vst1.64 {d0}, [r0]", 4
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_A
        mcr     p15, 0, r0, c1, c0, 0
        mrc     p15, 0, r0, c2, c0, 2
        bic     r0, r0, #TTBCR_EAE
        mcr     p15, 0, r0, c2, c0, 2
        isb
        pop     {lr}
        bx      lr
        .ltorg

@ ---------------------------------------------------------------- end of RAM
ram_end_cases:
        push    {lr}
        PUTS    "-- end of RAM (external abort)\n"
        .irp off, 8, 12, 13, 16, 19, 24
        TF      "vld1.8 {d0-d3}, [r0]!", RAM_END - 32 + \off, RAM_END, nls_zero
        TF      "vst1.8 {d0-d3}, [r0]!", RAM_END - 32 + \off, RAM_END, nls_zero
        .endr
        TF      "vld1.32 {d4-d7}, [r0]", RAM_END - 12, RAM_END, nls_zero
        TF      "vst1.32 {d4-d7}, [r0]", RAM_END - 12, RAM_END, nls_zero
        TF      "vld4.8 {d4-d7}, [r0]", RAM_END - 5, RAM_END, nls_zero
        TF      "vst4.8 {d4-d7}, [r0]", RAM_END - 5, RAM_END, nls_zero
        TF      "vld2.32 {d4-d7}, [r0]", RAM_END - 6, RAM_END, nls_zero
        TF      "vst2.32 {d4-d7}, [r0]", RAM_END - 6, RAM_END, nls_zero
        TF      "vst1.8 {d4[1]}, [r0]", RAM_END, RAM_END, nls_zero
        TF      "vld1.16 {d4[]}, [r0]", RAM_END - 1, RAM_END, nls_zero
        pop     {lr}
        bx      lr
        .ltorg

@ ---------------------------------------------------------------- pages
@ The forms run at each boundary; \b is the boundary's virtual address, \w1 and
@ \w2 the physical addresses before and after it.
        .macro BOUNDARY b, w1, w2
        .irp off, 3, 8, 12, 13, 16
        TF      "vld1.8 {d0-d3}, [r0]!", \b - \off, \w1, \w2
        TF      "vst1.8 {d0-d3}, [r0]!", \b - \off, \w1, \w2
        .endr
        TF      "vld1.32 {d4-d5}, [r0], r1", \b - 12, \w1, \w2, 64
        TF      "vst1.32 {d4-d5}, [r0], r1", \b - 12, \w1, \w2, 64
        TF      "vld1.64 {d4-d6}, [r0:64]", \b - 16, \w1, \w2
        TF      "vst1.64 {d4-d6}, [r0:64]", \b - 16, \w1, \w2
        TF      "setend be; vld1.16 {d4-d5}, [r0]; setend le", \b - 10, \w1, \w2
        TF      "setend be; vst1.16 {d4-d5}, [r0]; setend le", \b - 10, \w1, \w2
        TF      "setend be; vld1.64 {d4-d5}, [r0]; setend le", \b - 12, \w1, \w2
        TF      "setend be; vst1.64 {d4-d5}, [r0]; setend le", \b - 12, \w1, \w2
        TF      "setend be; vst1.64 {d4-d5}, [r0]; setend le", \b - 5, \w1, \w2
        TF      "setend be; vst1.8 {d4-d5}, [r0]; setend le", \b - 4, \w1, \w2
        TF      "vld4.8 {d4-d7}, [r0]", \b - 5, \w1, \w2
        TF      "vst4.8 {d4-d7}, [r0]", \b - 5, \w1, \w2
        TF      "vld2.32 {d4, d6}, [r0]", \b - 6, \w1, \w2
        TF      "vst2.32 {d4, d6}, [r0]", \b - 6, \w1, \w2
        TF      "vld3.16 {d4-d6}, [r0]", \b - 7, \w1, \w2
        TF      "vst3.16 {d4-d6}, [r0]", \b - 7, \w1, \w2
        TF      "vld4.32 {d4[1], d5[1], d6[1], d7[1]}, [r0]", \b - 8, \w1, \w2
        TF      "vst4.32 {d4[1], d5[1], d6[1], d7[1]}, [r0]", \b - 6, \w1, \w2
        TF      "vst2.16 {d4[1], d5[1]}, [r0]", \b - 3, \w1, \w2
        TF      "vld4.16 {d4[], d5[], d6[], d7[]}, [r0]", \b - 4, \w1, \w2
        TF      "vld3.32 {d4[], d6[], d8[]}, [r0]!", \b - 6, \w1, \w2
        TF      "vld1.8 {d4[1]}, [r0]", \b, \w1, \w2
        TF      "vst1.8 {d4[1]}, [r0]", \b, \w1, \w2
        TFT     "vld1.8 {d0-d3}, [r0]!", \b - 12, \w1, \w2
        TFT     "vst1.32 {d0-d3}, [r0]!", \b - 4, \w1, \w2
        TFT     "vld2.16 {d0[1], d2[1]}, [r0]", \b - 2, \w1, \w2
        .endm

page_cases:
        push    {lr}
        PUTS    "-- read-write page, read-only page\n"
        BOUNDARY PG_B, nls_pg_a + 0x1000, nls_pg_b
        PUTS    "-- read-only page, unmapped page\n"
        BOUNDARY PG_X, nls_pg_b + 0x1000, nls_zero
        PUTS    "-- unmapped page, read-write page\n"
        TF      "vld1.8 {d0-d3}, [r0]", PG_C - 4, nls_zero, nls_pg_c
        TF      "vst1.8 {d0-d3}, [r0]", PG_C - 4, nls_zero, nls_pg_c
        TF      "vld1.8 {d0[]}, [r0]", PG_C - 1, nls_zero, nls_pg_c
        PUTS    "-- two read-write pages\n"
        BOUNDARY PG_D, nls_pg_c + 0x1000, nls_pg_d
        PUTS    "-- User mode: read-write page, page read-only from User mode\n"
        .irp off, 4, 5, 12, 16
        TF      "cps #MODE_USR; vld1.8 {d0-d3}, [r0]!; svc #0", PG_D - \off, nls_pg_c + 0x1000, nls_pg_d
        TF      "cps #MODE_USR; vst1.8 {d0-d3}, [r0]!; svc #0", PG_D - \off, nls_pg_c + 0x1000, nls_pg_d
        .endr
        TF      "cps #MODE_USR; vst4.8 {d0-d3}, [r0]; svc #0", PG_D - 5, nls_pg_c + 0x1000, nls_pg_d
        TF      "cps #MODE_USR; setend be; vst1.64 {d0-d1}, [r0]; setend le; svc #0", PG_D - 4, nls_pg_c + 0x1000, nls_pg_d
        TF      "cps #MODE_USR; vst1.8 {d0}, [r0]; svc #0", PG_B - 16, nls_pg_a + 0x1000, nls_pg_b
        TFT     "mov r4, lr; cps #MODE_USR; vst1.32 {d0-d1}, [r0]; svc #0; mov lr, r4", PG_D - 4, nls_pg_c + 0x1000, nls_pg_d
        pop     {lr}
        bx      lr
        .ltorg

@ tf_prep: r0 = first window (32 bytes), r1 = second window, r2 = base. Fill
@ both windows from the buffer pattern, then the usual prep.
tf_prep:
        push    {r4-r6, lr}
        ldr     r4, =tf_win
        stmia   r4, {r0-r2}
        ldr     r4, =nls_binit
        mov     r5, #8
1:      ldr     r6, [r4], #4
        str     r6, [r0], #4
        subs    r5, r5, #1
        bne     1b
        ldr     r0, =nls_zero
        cmp     r1, r0
        beq     3f
        mov     r5, #8
2:      ldr     r6, [r4], #4
        str     r6, [r1], #4
        subs    r5, r5, #1
        bne     2b
3:      bl      nls_prep
        pop     {r4-r6, lr}
        bx      lr

@ tf_report: ip = name. Like nls_report with the two windows.
tf_report:
        push    {r4-r9, lr}
        ldr     r4, =nls_dsave
        vstmia  r4!, {d0-d15}
        vstmia  r4, {d16-d31}
        ldr     r5, =HASH_INIT
        ldr     r4, =nls_dsave
        mov     r6, #64
1:      ldr     r7, [r4], #4
        HFOLD   r5, r7
        subs    r6, r6, #1
        bne     1b
        ldr     r8, =tf_win
        ldr     r4, [r8]
        mov     r6, #8
2:      ldr     r7, [r4], #4
        HFOLD   r5, r7
        subs    r6, r6, #1
        bne     2b
        ldr     r4, [r8, #4]
        mov     r6, #8
3:      ldr     r7, [r4], #4
        HFOLD   r5, r7
        subs    r6, r6, #1
        bne     3b
        ldr     r7, [r8, #8]
        sub     r7, r0, r7
        HFOLD   r5, r7
        HFOLD   r5, r1
        HFOLD   r5, r2
        HFOLD   r5, r3
        ldr     r4, =nls_rec
        ldr     r6, [r4]
        HFOLD   r5, r6
        ldr     r7, [r4, #4]
        HFOLD   r5, r7
        ldr     r7, [r4, #8]
        HFOLD   r5, r7
        mov     r0, ip
        bl      puts
        PUTS    ": "
        PUTHEX  r5
        cmp     r6, #REC_UND
        bne     4f
        PUTS    " UND"
4:      cmp     r6, #REC_DABT
        bne     5f
        PUTS    " DABT fsr="
        ldr     r7, [r4, #4]
        PUTHEX  r7
        PUTS    " far="
        ldr     r7, [r4, #8]
        PUTHEX  r7
5:      PUTS    "\n"
        pop     {r4-r9, lr}
        bx      lr
        .ltorg

@ ---------------------------------------------------------------- MMU
@ mmu_setup: identity-map RAM and the UART with sections, map VA_BASE's MiB
@ through l2_nls (pages as listed at the top), enable the MMU.
        .equ SEC_RAM, 0x2 | 0xc | (3 << 10)
        .equ SEC_DEV, 0x2 | 0x4 | (1 << 4) | (3 << 10)
        .equ PAGE_RW, 0x2 | 0xc | (1 << 4)
        .equ PAGE_RO, 0x2 | 0xc | (1 << 4) | (1 << 9)
        .equ PAGE_FULL, 0x2 | 0xc | (3 << 4)
        .equ PAGE_URO, 0x2 | 0xc | (2 << 4)
mmu_setup:
        push    {r4-r6, lr}
        ldr     r4, =nls_l1
        MOV32   r5, 0x40000000 + SEC_RAM
        add     r6, r4, #(0x400 << 2)
1:      str     r5, [r6], #4
        add     r5, r5, #0x100000
        cmp     r5, #0x50000000
        blo     1b
        MOV32   r5, UART_BASE + SEC_DEV
        str     r5, [r4, #((UART_BASE >> 20) << 2)]
        ldr     r5, =nls_l2 + 0x1
        MOV32   r6, (VA_BASE >> 20) << 2
        str     r5, [r4, r6]
        ldr     r4, =nls_l2
        ldr     r5, =nls_pg_a + PAGE_RW
        str     r5, [r4, #0]
        ldr     r5, =nls_pg_b + PAGE_RO
        str     r5, [r4, #4]
        ldr     r5, =nls_pg_c + PAGE_FULL
        str     r5, [r4, #12]
        ldr     r5, =nls_pg_d + PAGE_URO
        str     r5, [r4, #16]
        mov     r0, #1                          @ domain 0 client
        mcr     p15, 0, r0, c3, c0, 0
        mov     r0, #0
        mcr     p15, 0, r0, c2, c0, 2           @ TTBCR
        ldr     r0, =nls_l1
        mcr     p15, 0, r0, c2, c0, 0           @ TTBR0
        mov     r0, #0
        mcr     p15, 0, r0, c8, c7, 0           @ TLBIALL
        dsb
        mrc     p15, 0, r0, c1, c0, 0
        orr     r0, r0, #SCTLR_M
        mcr     p15, 0, r0, c1, c0, 0
        isb
        pop     {r4-r6, lr}
        bx      lr

mmu_off:
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_M
        mcr     p15, 0, r0, c1, c0, 0
        isb
        bx      lr
        .ltorg

        .bss
        .balign 16384
nls_l1:         .space  16384
        .balign 1024
nls_l2:         .space  1024
        .balign 4096
nls_pg_a:       .space  4096
nls_pg_d:       .space  4096
nls_pg_b:       .space  4096
nls_pg_c:       .space  4096
nls_zero:       .space  32
tf_win:         .space  12
        .balign 4
        .text
