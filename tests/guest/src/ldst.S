@ ldst: loads and stores. Each random case fills a 256-byte window with random
@ words, points r0 at it (plus a per-case bias and a random offset), sets
@ r1 = small index (0-31), r2/r3/r4/ip = random data and random NZCV, runs the
@ instruction(s), then hashes r0 (minus the window address), r1-r4, ip, the
@ flags and the whole window. Fixed sequences (exclusives, SWP, loads to pc,
@ pc-relative addressing) print their results one per line.
        .include "lib.inc"

        .equ IT, 64
        .equ WINDOW_SIZE, 256
        .equ BASE_OFFSET, 96            @ r0 = window + 96 + bias + (random & mask)

        .equ LS_BODY, 0
        .equ LS_NAME, 4
        .equ LS_ITERS, 8
        .equ LS_BIAS, 12
        .equ LS_MASK, 16
        .equ LS_KINDS, 20
        .equ LS_SIZE, 24

@ A load/store case named \name running \insn.
        .macro LSN name, insn, bias=0, mask=0x3c, kinds=K_SMALL
        .pushsection .rodata.str, "aMS", %progbits, 1
9001:   .asciz "\name"
        .popsection
        .pushsection .text.cases, "ax", %progbits
        .balign 4
9002:   \insn
        bx      lr
        .popsection
        .pushsection .cases, "a", %progbits
        .balign 4
        .word   9002b, 9001b, IT, \bias, \mask, \kinds
        .popsection
        .endm
@ A load/store case named after its instruction.
        .macro LS insn, bias=0, mask=0x3c, kinds=K_SMALL
        LSN     "\insn", "\insn", \bias, \mask, \kinds
        .endm
@ The addressing modes of word/byte loads and stores (12-bit immediate, shifted register).
        .macro MODES12 op, rt, k1=K_SMALL, k2=K_SMALL
        LS      "\op \rt, [r0]"
        LS      "\op \rt, [r0, #4]"
        LS      "\op \rt, [r0, #-8]"
        LS      "\op \rt, [r0, #4095]", -4095
        LS      "\op \rt, [r0, #-4095]", 4095
        LS      "\op \rt, [r0, r1]", -32, 0x1c, \k1
        LS      "\op \rt, [r0, -r1]", 0, 0x1c, \k1
        LS      "\op \rt, [r0, r1, lsl #2]", -96, 0x1c, \k1
        LS      "\op \rt, [r0, -r1, lsl #1]", 0, 0x1c, \k1
        LS      "\op \rt, [r0, r1, lsr #1]", 0, 0x1c, \k2
        LS      "\op \rt, [r0, -r1, asr #1]", 0, 0x1c, \k2
        LS      "\op \rt, [r0, #12]!"
        LS      "\op \rt, [r0, #-4]!"
        LS      "\op \rt, [r0, r1]!", -32, 0x1c, \k1
        LS      "\op \rt, [r0, -r1, lsl #1]!", 0, 0x1c, \k1
        LS      "\op \rt, [r0], #4"
        LS      "\op \rt, [r0], #-12"
        LS      "\op \rt, [r0], r1", 0, 0x3c, \k1
        LS      "\op \rt, [r0], -r1, lsl #2", 0, 0x3c, \k1
        LS      "\op\()ne \rt, [r0], #8"
        LS      "\op\()mi \rt, [r0, #-4]!"
        .endm
@ The addressing modes of halfword/signed/doubleword loads and stores (8-bit immediate, register).
        .macro MODES8 op, rt, imm=6
        LS      "\op \rt, [r0]"
        LS      "\op \rt, [r0, #\imm]"
        LS      "\op \rt, [r0, #-8]"
        LS      "\op \rt, [r0, #255]", -255, 0x38
        LS      "\op \rt, [r0, #-255]", 255, 0x38
        LS      "\op \rt, [r0, r1]", -32, 0x18, K_SMALL4
        LS      "\op \rt, [r0, -r1]", 0, 0x18, K_SMALL4
        LS      "\op \rt, [r0, #8]!"
        LS      "\op \rt, [r0, #-16]!"
        LS      "\op \rt, [r0, r1]!", -32, 0x18, K_SMALL4
        LS      "\op \rt, [r0, -r1]!", 0, 0x18, K_SMALL4
        LS      "\op \rt, [r0], #8"
        LS      "\op \rt, [r0], #-8"
        LS      "\op \rt, [r0], r1", 0, 0x3c, K_SMALL4
        LS      "\op \rt, [r0], -r1", 0, 0x3c, K_SMALL4
        LS      "\op\()eq \rt, [r0, #4]!"
        .endm

        MODES12 ldr, r2, K_SMALL4, K_SMALL8
        MODES12 str, r2, K_SMALL4, K_SMALL8
        MODES12 ldrb, r2
        MODES12 strb, r2
        MODES8  ldrh, r2
        MODES8  strh, r2
        MODES8  ldrsb, r2
        MODES8  ldrsh, r2
        MODES8  ldrd, "r2, r3", 12
        MODES8  strd, "r2, r3", 12
        LS      "push {r5}; ldrd r4, r5, [r0, #-16]; mov r1, r5; pop {r5}"
        LS      "strd r0, r1, [r0, #8]"

@ Byte addresses for byte and halfword accesses (halfwords at odd addresses below).
        LS      "ldrb r2, [r0, #1]!", 0, 0x3f
        LS      "strb r2, [r0], #-3", 0, 0x3f
        LSN     "ldrsb r2, [r0, r1] (any base)", "ldrsb r2, [r0, r1]", -32, 0x3f
        LS      "ldrh r2, [r0, #2]!", 0, 0x3e
        LS      "ldrsh r2, [r0], #-2", 0, 0x3e
        LSN     "strh r2, [r0, r1] (any even base)", "strh r2, [r0, r1]", -32, 0x3e, K_SMALL4

@ Unaligned word and halfword accesses with SCTLR.A clear (MMU off: QEMU 7.2 allows them).
        LSN     "ldr r2, [r0, #1] (unaligned)", "ldr r2, [r0, #1]", 0, 0x3f
        LSN     "ldr r2, [r0], #4 (unaligned)", "ldr r2, [r0], #4", 0, 0x3f
        LSN     "str r2, [r0, #-2]! (unaligned)", "str r2, [r0, #-2]!", 0, 0x3f
        LSN     "str r2, [r0, r1] (unaligned)", "str r2, [r0, r1]", -32, 0x3f
        LSN     "ldrh r2, [r0, #1] (unaligned)", "ldrh r2, [r0, #1]", 0, 0x3f
        LSN     "ldrsh r2, [r0, #3]! (unaligned)", "ldrsh r2, [r0, #3]!", 0, 0x3f
        LSN     "strh r2, [r0], #-1 (unaligned)", "strh r2, [r0], #-1", 0, 0x3f
        LSN     "ldrt r2, [r0], #4 (unaligned)", "ldrt r2, [r0], #4", 0, 0x3f

@ Unprivileged (user-mode) accesses: with the MMU off they behave like the plain ones.
        LS      "ldrt r2, [r0], #4"
        LS      "ldrt r2, [r0], -r1, lsl #2"
        LS      "strt r2, [r0], #-8"
        LS      "strt r2, [r0], r1", 0, 0x3c, K_SMALL4
        LS      "ldrbt r2, [r0], #1", 0, 0x3f
        LS      "strbt r2, [r0], -r1", 0, 0x3f
        LS      "ldrht r2, [r0], #2", 0, 0x3e
        LS      "ldrht r2, [r0], -r1", 0, 0x1e, K_SMALL4
        LS      "strht r2, [r0], #-6", 0, 0x3e
        LS      "ldrsbt r2, [r0], #-1", 0, 0x3f
        LS      "ldrsht r2, [r0], r1", 0, 0x1e, K_SMALL4

@ Load/store multiple.
        LS      "ldmia r0!, {r1, r2, r3, r4}"
        LS      "ldmib r0!, {r1, r3}"
        LS      "ldmda r0!, {r2, r4, ip}"
        LS      "ldmdb r0!, {r1, r2, r3, r4, ip}"
        LS      "ldmia r0, {r2}"
        LS      "ldmib r0, {r1, ip}"
        LS      "ldmda r0, {r3, r4}"
        LS      "ldmdb r0, {r1, r2, r3}"
        LS      "ldmia r0, {r0, r1}"
        LS      "ldmdb r0, {r0, r1, r2, r3, r4, ip}"
        LS      "ldmib r0, {r0}"
        LS      "stmia r0!, {r1, r2, r3, r4}"
        LS      "stmib r0!, {r2}"
        LS      "stmda r0!, {r1, r2, ip}"
        LS      "stmdb r0!, {r1, r2, r3, r4, ip}"
        LS      "stmia r0, {r0, r1, r2}"
        LS      "stmib r0, {r1, r3}"
        LS      "stmda r0, {r0, r4}"
        LS      "stmdb r0, {r2, r3, ip}"
        LS      "stmia r0!, {r0, r1}"
        LS      "ldmiane r0!, {r1, r2}"
        LS      "stmdbcs r0!, {r3, r4}"
        LSN     "push {r1, r2, r3} (sp = r0)", "mov r4, sp; mov sp, r0; push {r1, r2, r3}; mov r0, sp; mov sp, r4; mov r4, #0"
        LSN     "push {r2} (sp = r0)", "mov r4, sp; mov sp, r0; push {r2}; mov r0, sp; mov sp, r4; mov r4, #0"
        LSN     "pop {r1, r2, r3, ip} (sp = r0)", "mov r4, sp; mov sp, r0; pop {r1, r2, r3, ip}; mov r0, sp; mov sp, r4; mov r4, #0"
        LSN     "pop {r3} (sp = r0)", "mov r4, sp; mov sp, r0; pop {r3}; mov r0, sp; mov sp, r4; mov r4, #0"

@ Exclusives: LDREX then STREX to the same address succeeds (0); after CLREX it fails (1).
        LS      "ldrex r2, [r0]; strex r1, r3, [r0]"
        LS      "ldrexb r2, [r0]; strexb r1, r3, [r0]", 0, 0x3f
        LS      "ldrexh r2, [r0]; strexh r1, r3, [r0]", 0, 0x3e
        LS      "ldrexd r2, r3, [r0]; strexd r1, r2, r3, [r0]", 0, 0x38
        LS      "ldrexd r2, r3, [r0]; add r2, r2, #1; strexd r1, r2, r3, [r0]", 0, 0x38
        LS      "ldrex r2, [r0]; clrex; strex r1, r3, [r0]"
        LS      "ldrexb r2, [r0]; clrex; strexb r1, r3, [r0]", 0, 0x3f
        LS      "ldrexh r2, [r0]; clrex; strexh r1, r3, [r0]", 0, 0x3e
        LS      "ldrexd r2, r3, [r0]; clrex; strexd r1, r2, r3, [r0]", 0, 0x38
        LS      "ldrex r2, [r0]; strex r1, r3, [r0]; strex r4, r2, [r0]"
@ SWP/SWPB (SCTLR.SW is set by main).
        LS      "swp r2, r3, [r0]"
        LS      "swpb r2, r3, [r0]", 0, 0x3f
        LS      "swp r1, r4, [r0]"

        .text
@ ls_case: run the load/store case whose descriptor is at r0; print name: hash.
ls_case:
        push    {r4-r11, lr}
        mov     r7, r0
        ldr     r9, [r7, #LS_ITERS]
        ldr     r11, =HASH_INIT
        ldr     r10, =rng_state
        ldr     r10, [r10]
        ldr     r8, =special_values
1:      ldr     r0, =window
        mov     r1, #(WINDOW_SIZE / 4)
2:      XORSHIFT r10
        str     r10, [r0], #4
        subs    r1, r1, #1
        bne     2b
        ldr     r6, [r7, #LS_KINDS]
        bl      gen
        mov     r1, r5
        XORSHIFT r10
        mov     r2, r10
        XORSHIFT r10
        mov     r3, r10
        XORSHIFT r10
        mov     r4, r10
        XORSHIFT r10
        ldr     r5, [r7, #LS_MASK]
        and     r5, r5, r10
        ldr     r6, [r7, #LS_BIAS]
        add     r5, r5, r6
        ldr     r0, =window + BASE_OFFSET
        add     r0, r0, r5
        XORSHIFT r10
        mov     ip, r10
        XORSHIFT r10
        and     r5, r10, #PSR_NZCV_MASK
        ldr     r6, [r7, #LS_BODY]
        msr     APSR_nzcvq, r5
        blx     r6
        mrs     r6, apsr
        and     r6, r6, #PSR_NZCVQ_MASK
        ldr     r5, =window
        sub     r0, r0, r5
        HFOLD   r11, r0
        HFOLD   r11, r1
        HFOLD   r11, r2
        HFOLD   r11, r3
        HFOLD   r11, r4
        HFOLD   r11, ip
        HFOLD   r11, r6
        mov     r6, #(WINDOW_SIZE / 4)
3:      ldr     r1, [r5], #4
        HFOLD   r11, r1
        subs    r6, r6, #1
        bne     3b
        subs    r9, r9, #1
        bne     1b
        ldr     r0, =rng_state
        str     r10, [r0]
        ldr     r0, =hash_state
        str     r11, [r0]
        ldr     r0, [r7, #LS_NAME]
        bl      print_hash
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

@ Fixed sequences whose results are printed directly.
fixed:
        push    {r4-r7, lr}
        ldr     r4, =window
        @ pc reads as the instruction's address + 8
1:      add     r0, pc, #0
        adr     r1, 1b
        sub     r0, r0, r1
        SHOW    "add r0, pc, #0 minus its address", r0
        @ a pc-relative load of its own encoding
        ldr     r0, [pc, #-8]
        SHOW    "ldr r0, [pc, #-8]", r0
        ldr     r0, literal
        SHOW    "ldr r0, literal", r0
        @ loads to pc are branches (ARM state targets here)
        adr     r0, 2f
        str     r0, [r4]
        mov     r1, #0
        ldr     pc, [r4]
        mov     r1, #1                          @ skipped
2:      SHOW    "ldr pc, [r4] skipped the next instruction if 0", r1
        adr     r0, 3f
        str     r0, [r4, #4]
        mov     r0, #0x5a
        str     r0, [r4]
        mov     r2, #0
        ldm     r4, {r1, pc}
        mov     r2, #1                          @ skipped
3:      SHOW    "ldm r4, {r1, pc} loaded r1", r1
        SHOW    "ldm r4, {r1, pc} skipped the next instruction if 0", r2
        mov     r0, #0x11
        str     r0, [r4]
        adr     r0, 4f
        str     r0, [r4, #4]
        mov     r3, sp
        mov     sp, r4
        mov     r2, #0
        pop     {r1, pc}
        mov     r2, #1                          @ skipped
4:      sub     r0, sp, r4
        mov     sp, r3
        SHOW    "pop {r1, pc} loaded r1", r1
        SHOW    "pop {r1, pc} moved sp by", r0
        SHOW    "pop {r1, pc} skipped the next instruction if 0", r2
        @ exclusives: results of STREX
        ldr     r0, =0x01020304
        str     r0, [r4]
        ldrex   r1, [r4]
        ldr     r2, =0xa0b0c0d0
        strex   r3, r2, [r4]
        ldr     r5, [r4]
        SHOW    "ldrex value", r1
        SHOW    "strex status (success)", r3
        SHOW    "memory after strex", r5
        clrex
        strex   r3, r0, [r4]
        ldr     r5, [r4]
        SHOW    "strex status after clrex", r3
        SHOW    "memory after failed strex", r5
        ldrexd  r0, r1, [r4]
        strexd  r3, r0, r1, [r4]
        SHOW    "strexd status (success)", r3
        ldrexd  r0, r1, [r4]
        strexd  r3, r0, r1, [r4]
        strexd  r2, r0, r1, [r4]
        SHOW    "second strexd status", r2
        clrex
        @ SWP
        ldr     r0, =0x11223344
        str     r0, [r4]
        ldr     r1, =0xcafef00d
        swp     r2, r1, [r4]
        ldr     r3, [r4]
        SHOW    "swp old", r2
        SHOW    "swp new", r3
        mov     r1, #0xee
        swpb    r2, r1, [r4]
        ldr     r3, [r4]
        SHOW    "swpb old", r2
        SHOW    "swpb new", r3
        @ LDRD/STRD with a register offset
        ldr     r0, =0x12345678
        ldr     r1, =0x9abcdef0
        mov     r5, #8
        strd    r0, r1, [r4, r5]
        ldrd    r2, r3, [r4, #8]
        SHOW    "ldrd low", r2
        SHOW    "ldrd high", r3
        add     r6, r4, #16
        ldrd    r2, r3, [r6, -r5]!
        sub     r0, r6, r4
        SHOW    "ldrd [r6, -r5]! low", r2
        SHOW    "ldrd [r6, -r5]! base offset after writeback", r0
        pop     {r4-r7, lr}
        bx      lr
literal:
        .word   0xfeedc0de
        .ltorg

        .global main
main:
        push    {r4, r5, lr}
        PUTS    "ldst: loads and stores\n"
        mrc     p15, 0, r0, c1, c0, 0           @ SCTLR
        orr     r0, r0, #SCTLR_SW
        mcr     p15, 0, r0, c1, c0, 0
        isb
        bl      fixed
        ldr     r4, =__cases_start
        ldr     r5, =__cases_end
1:      cmp     r4, r5
        bhs     2f
        mov     r0, r4
        bl      ls_case
        add     r4, r4, #LS_SIZE
        b       1b
2:      pop     {r4, r5, lr}
        bx      lr
        .ltorg

        .bss
        .balign 8
        .space  4352
window:
        .space  WINDOW_SIZE
        .space  4352
