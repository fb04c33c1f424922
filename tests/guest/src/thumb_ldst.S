@ thumb_ldst: Thumb loads and stores on a buffer of random words: the 16-bit
@ forms (register offset, immediate, SP-relative, literal, LDM/STM, PUSH/POP),
@ the T32 forms (12-bit and negative 8-bit offsets, pre/post-indexing with
@ writeback, shifted register offsets, literals in both directions, the
@ unprivileged T forms), unaligned accesses, LDRD/STRD, LDM/STM/PUSH/POP of
@ several registers, exclusives, preload hints, CBZ/CBNZ and TBB/TBH. Each
@ case starts with r4 = the buffer + r0 (a random offset); r0-r3 and NZCV are
@ hashed (addresses as offsets from the buffer), then the buffer itself.
        .include "lib.inc"
        .include "thumb.inc"

        .equ ITER, 96
        .equ BUF_SIZE, 8192

@ r4 = tbuf + 2048 + (r0 & 0x3ff & ~\low); r0 = that offset.
        .macro BASE low
        ubfx    r0, r0, #0, #10
        bic     r0, r0, #\low
        movw    r4, #:lower16:tbuf + 2048
        movt    r4, #:upper16:tbuf + 2048
        add     r4, r4, r0
        .endm

@ A case: BASE with \low, then \insn; r3 gets r4 - buffer after it.
        .macro L insn, low=3
        TNCASE  "\insn", "BASE \low; \insn; movw r3, #:lower16:tbuf; movt r3, #:upper16:tbuf; sub r3, r4, r3", ITER, 0xf0000000, 0xf0000000, 0x0000
        .endm

@ 16-bit register offset and immediate forms.
        TNCASE  "ldr.n r1, [r4, r0] (offset)", "BASE 3; and r2, r2, #0x3fc; ldr.n r1, [r4, r2]", ITER
        L       "ubfx r2, r2, #0, #10; ldr.n r1, [r4, r2]"
        L       "ubfx r2, r2, #0, #10; ldrh.n r1, [r4, r2]"
        L       "ubfx r2, r2, #0, #10; ldrsh.n r1, [r4, r2]"
        L       "ubfx r2, r2, #0, #10; ldrb.n r1, [r4, r2]"
        L       "ubfx r2, r2, #0, #10; ldrsb.n r1, [r4, r2]"
        L       "ubfx r2, r2, #0, #10; str.n r1, [r4, r2]; ldr r2, [r4]"
        L       "ubfx r2, r2, #0, #10; strh.n r1, [r4, r2]; ldr r2, [r4]"
        L       "ubfx r2, r2, #0, #10; strb.n r1, [r4, r2]; ldr r2, [r4]"
        L       "ldr.n r1, [r4, #124]; ldr.n r2, [r4, #0]"
        L       "ldrh.n r1, [r4, #62]; ldrh.n r2, [r4, #2]"
        L       "ldrb.n r1, [r4, #31]; ldrb.n r2, [r4, #17]"
        L       "str.n r1, [r4, #60]; ldr.n r2, [r4, #60]"
        L       "strh.n r1, [r4, #2]; ldr.n r2, [r4, #0]"
        L       "strb.n r1, [r4, #5]; ldr.n r2, [r4, #4]", 0
        L       "ldr.n r1, [r4, #4]; ldrh.n r2, [r4, #6]", 0
        L       "mov r2, sp; mov sp, r4; ldr.n r1, [sp, #1020]; str.n r0, [sp, #8]; ldr r0, [sp, #8]; mov sp, r2"
        L       "ldr.n r1, 1f; b.n 2f; .balign 4; 1: .word 0xcafef00d; 2: add r1, r1, r0"
        L       "ldr.n r1, [pc, #4]; ldr.n r2, [pc, #4]; b.n 1f; .word 0x11112222, 0x33334444, 0x55556666; 1:"

@ 32-bit forms: 12-bit offsets, negative 8-bit offsets, writeback, registers.
        L       "ldr.w r1, [r4, #4092]; ldr.w r2, [r4, #2047]"
        L       "ldrh.w r1, [r4, #4095]; ldrsh.w r2, [r4, #123]"
        L       "ldrb.w r1, [r4, #4095]; ldrsb.w r2, [r4, #1024]"
        L       "ldr r1, [r4, #-255]; ldrh r2, [r4, #-1]"
        L       "ldrsb r1, [r4, #-128]; ldrsh r2, [r4, #-77]"
        L       "ldr r1, [r4, #12]!"
        L       "ldr r1, [r4, #-12]!"
        L       "ldr r1, [r4], #255"
        L       "ldrh r1, [r4], #-3"
        L       "ldrsb r1, [r4, #1]!; ldrsh r2, [r4], #-2"
        L       "and r2, #0xff; ldr.w r1, [r4, r2]"
        L       "and r2, #0xff; ldr.w r1, [r4, r2, lsl #2]"
        L       "and r2, #0xff; ldrh.w r1, [r4, r2, lsl #1]"
        L       "and r2, #0xff; ldrsb.w r1, [r4, r2, lsl #3]"
        L       "and r2, #0xff; ldrsh.w r1, [r4, r2, lsl #1]"
        L       "str.w r1, [r4, #4092]; ldr.w r2, [r4, #4092]"
        L       "strh.w r1, [r4, #-5]; ldr r2, [r4, #-8]"
        L       "strb.w r1, [r4, #4095]; ldr r2, [r4, #4092]"
        L       "str r1, [r4, #-4]!; ldr r2, [r4]"
        L       "str r1, [r4], #4; ldr r2, [r4, #-4]"
        L       "strb r1, [r4, #255]!; ldr r2, [r4, #-3]"
        L       "and r2, #0xff; str.w r1, [r4, r2, lsl #2]; ldr.w r2, [r4, r2, lsl #2]"
        L       "and r2, #0xff; strh.w r1, [r4, r2, lsl #1]; ldr r2, [r4]"
        L       "ldrt r1, [r4, #4]; ldrbt r2, [r4, #255]"
        L       "ldrht r1, [r4, #7]; ldrsht r2, [r4, #9]"
        L       "ldrsbt r1, [r4, #3]; strt r1, [r4, #16]; ldr r2, [r4, #16]"
        L       "strbt r1, [r4, #1]; strht r1, [r4, #6]; ldr r2, [r4, #4]"
        L       "ldr.w r1, 1f; b.n 2f; .balign 4; 1: .word 0x87654321; 2: ldr.w r2, 1b"
        L       "b.n 2f; .balign 4; 1: .word 0xfedcba98; 2: ldrb.w r1, 1b; ldrsh.w r2, 1b"
        L       "ldrsb.w r1, 1f; ldrh.w r2, 1f; b.n 2f; .balign 4; 1: .word 0x8081f0f1; 2:"
        L       "pld [r4, #4]; pld [r4, #-8]; pld [r4, r2]; pli [r4, #16]; pld 1f; 1: ldr r1, [r4]"

@ Unaligned single accesses (SCTLR.A = 0).
        L       "ldr.w r1, [r4, #1]; ldr.w r2, [r4, #-3]", 0
        L       "ldrh.w r1, [r4, #1]; ldrsh.w r2, [r4, #3]", 0
        L       "str.w r1, [r4, #2]; ldr.w r2, [r4, #1]", 0
        L       "strh.w r1, [r4, #3]; ldr.w r2, [r4, #2]", 0

@ Doubleword.
        L       "ldrd r1, r2, [r4, #8]"
        L       "ldrd r1, r2, [r4, #-1020]"
        L       "ldrd r1, r2, [r4, #16]!"
        L       "ldrd r1, r2, [r4], #-8"
        L       "ldrd r2, r1, [r4]"
        L       "strd r1, r2, [r4, #8]; ldrd r1, r2, [r4, #4]"
        L       "strd r2, r1, [r4, #-16]!; ldr r1, [r4, #4]"
        L       "strd r1, r2, [r4], #24; ldr r2, [r4, #-24]"
        L       "ldrd r1, r2, 1f; b.n 2f; .balign 4; 1: .word 0x01020304, 0x05060708; 2:"

@ Load/store multiple.
        L       "ldm.n r4!, {r1, r2}"
        L       "ldm.n r4, {r1, r2, r4}"
        L       "stm.n r4!, {r0, r1, r2}; ldr r1, [r4, #-8]"
        L       "ldm.w r4, {r1, r2}"
        L       "ldmia.w r4!, {r0, r1, r2}"
        L       "ldmdb r4!, {r1, r2, ip}; mov r0, ip"
        L       "ldmdb r4, {r0, r2}"
        L       "stmia.w r4!, {r1, r2}; ldr r0, [r4, #-8]"
        L       "stmdb r4!, {r0, r1, r2, ip}; ldm r4, {r0, r1, r2}"
        L       "stmdb r4, {r1, r2}; ldr r0, [r4, #-4]"
        L       "mov r3, sp; mov sp, r4; push.n {r0, r1}; pop.n {r2}; mov r1, sp; pop {r0}; mov sp, r3"
        L       "mov r3, sp; mov sp, r4; push.w {r1, r2, ip}; pop.w {r0, r2, ip}; mov r1, sp; mov sp, r3"
        L       "mov ip, sp; mov sp, r4; push {r1, lr}; pop {r2, r3}; mov r0, sp; mov sp, ip"
        L       "mov r3, sp; mov sp, r4; push.w {r2}; pop.w {r1}; mov r0, sp; mov sp, r3"

@ Exclusives (QEMU's monitor: address and value).
        L       "ldrex r1, [r4]; strex r2, r0, [r4]; ldr r1, [r4]"
        L       "clrex; strex r2, r0, [r4]; ldr r1, [r4]"
        L       "ldrex r1, [r4, #8]; strex r2, r0, [r4, #8]; ldrex r1, [r4, #1020]"
        L       "ldrexb r1, [r4]; strexb r2, r0, [r4]; ldr r1, [r4]"
        L       "ldrexh r1, [r4]; strexh r2, r0, [r4]; ldr r1, [r4]"
        L       "ldrex r1, [r4]; strexb r2, r0, [r4]; ldr r1, [r4]"
        L       "ldrexd r0, r1, [r4]; strexd r2, r1, r0, [r4]; ldrd r0, r1, [r4]", 7
        L       "ldrex r1, [r4]; strex r2, r0, [r4, #4]; ldr r1, [r4, #4]"

@ CBZ/CBNZ on small values (zero one time in 32).
        TCASE   "movs r3, #0; cbz r1, 1f; adds r3, #1; 1: cbnz r3, 2f; adds r3, #4; 2: cbnz r1, 3f; adds r3, #16; 3:", ITER, 0xf0000000, 0xf0000000, 0x0040
        TCASE   "mov r3, r2; cbnz r2, 1f; add r3, #0x100; 1: cbz r1, 2f; eor r3, r1; 2:", ITER, 0xf0000000, 0xf0000000, 0x0444

        .text
@ Table branches: TBB/TBH with r0 = 0..7 land on eight different cases.
        .thumb
        .thumb_func
tb_test:
        movs    r3, #0
        tbb     [pc, r0]
1:      .byte   (10f - 1b) / 2, (11f - 1b) / 2, (12f - 1b) / 2, (13f - 1b) / 2
        .byte   (14f - 1b) / 2, (15f - 1b) / 2, (16f - 1b) / 2, (17f - 1b) / 2
17:     adds    r3, #1
16:     adds    r3, #1
15:     adds    r3, #1
14:     adds    r3, #1
13:     adds    r3, #1
12:     adds    r3, #1
11:     adds    r3, #1
10:     adr     r2, 2f
        tbh     [r2, r0, lsl #1]
2:      .hword  (20f - 2b) / 2, (21f - 2b) / 2, (22f - 2b) / 2, (23f - 2b) / 2
        .hword  (24f - 2b) / 2, (25f - 2b) / 2, (26f - 2b) / 2, (27f - 2b) / 2
20:     lsls    r3, #1
21:     lsls    r3, #1
22:     lsls    r3, #1
23:     lsls    r3, #1
24:     lsls    r3, #1
25:     lsls    r3, #1
26:     lsls    r3, #1
27:     adds    r3, #0x80
        bx      lr
        .arm

        .global main
main:
        push    {r4-r6, lr}
        PUTS    "thumb_ldst: Thumb loads and stores\n"
        ldr     r4, =tbuf
        mov     r5, #BUF_SIZE / 4
1:      bl      rand
        str     r0, [r4], #4
        subs    r5, r5, #1
        bne     1b
        mov     r6, #0
2:      mov     r0, r6
        blx     tb_test
        PUTS    "tbb/tbh "
        PUTDEC  r6
        PUTS    ": "
        PUTHEX  r3
        PUTS    "\n"
        add     r6, r6, #1
        cmp     r6, #8
        blo     2b
        bl      run_all_cases
        bl      hash_reset
        ldr     r4, =tbuf
        mov     r5, #BUF_SIZE / 4
3:      ldr     r0, [r4], #4
        bl      fold
        subs    r5, r5, #1
        bne     3b
        ldr     r0, =buf_name
        bl      print_hash
        pop     {r4-r6, lr}
        bx      lr
buf_name:
        .asciz  "buffer"
        .balign 4
        .ltorg

        .bss
        .balign 8
tbuf:   .space  BUF_SIZE
