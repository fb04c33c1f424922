@ timer_regs: the ARMv7 Generic Timer's CP15 registers on QEMU's cortex-a15
@ (no EL2/EL3): reset values, CNTFRQ/CNTKCTL read-back, the 64-bit counters
@ (monotonic, CNTVOFF = 0), CVAL and TVAL arithmetic, ENABLE/IMASK/ISTATUS,
@ polling for expiry, and the CNTKCTL controls of User-mode access.
@ Interrupts stay masked: no output here depends on how fast the host runs.
        .include "lib.inc"

@ Print "\label: HHHHHHHH_LLLLLLLL" for the 64-bit value \hi:\lo.
        .macro SHOW64 label, lo, hi
        PUTS    "\label: "
        PUTHEX  \hi
        PUTS    "_"
        PUTHEX  \lo
        PUTS    "\n"
        .endm

@ Print "\label: 0" or "\label: 1" from the Z flag (1 when Z is set).
        .macro SHOWEQ label
        push    {r0}
        moveq   r0, #1
        movne   r0, #0
        PUTS    "\label: "
        PUTDEC  r0
        PUTS    "\n"
        pop     {r0}
        .endm

@ Print "\label: 1" when the C flag is set (unsigned >=), else 0.
        .macro SHOWCS label
        push    {r0}
        movcs   r0, #1
        movcc   r0, #0
        PUTS    "\label: "
        PUTDEC  r0
        PUTS    "\n"
        pop     {r0}
        .endm

        .equ PERIOD_1MS, 62500          @ counter ticks in 1 ms at 62.5 MHz
        .equ FAR_AHEAD, 0x40000000      @ ~17 s of ticks: never reached by this program

        .text
        .balign 32
vectors:
        b       default_vectors + 0x00
        b       und_handler
        b       svc_handler
        b       default_vectors + 0x0c
        b       default_vectors + 0x10
        b       default_vectors + 0x14
        b       default_vectors + 0x18
        b       default_vectors + 0x1c

@ UNDEFINED from the access table: set bit r11 of r10, continue after it.
und_handler:
        mov     r12, #1
        orr     r10, r10, r12, lsl r11
        movs    pc, lr

@ SVC: return to the caller in SVC mode (its SVC-mode lr is lost).
svc_handler:
        mrs     r12, spsr
        bic     r12, r12, #PSR_MODE_MASK
        orr     r12, r12, #MODE_SVC
        msr     spsr_fsxc, r12
        movs    pc, lr

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "timer_regs: generic timer registers\n"
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR
        isb

        PUTS    "-- reset values\n"
        mrc     p15, 0, r0, c14, c0, 0
        SHOW    "CNTFRQ", r0
        mrc     p15, 0, r0, c14, c1, 0
        SHOW    "CNTKCTL", r0
        mrc     p15, 0, r0, c14, c2, 1
        SHOW    "CNTP_CTL", r0
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CNTV_CTL", r0
        mrrc    p15, 2, r0, r1, c14
        SHOW64  "CNTP_CVAL", r0, r1
        mrrc    p15, 3, r0, r1, c14
        SHOW64  "CNTV_CVAL", r0, r1

        PUTS    "-- CNTFRQ and CNTKCTL read back what PL1 writes\n"
        MOV32   r1, 0x12345678
        mcr     p15, 0, r1, c14, c0, 0
        mrc     p15, 0, r0, c14, c0, 0
        SHOW    "CNTFRQ after writing 0x12345678", r0
        MOV32   r1, 62500000
        mcr     p15, 0, r1, c14, c0, 0
        mvn     r1, #0
        mcr     p15, 0, r1, c14, c1, 0
        mrc     p15, 0, r0, c14, c1, 0
        SHOW    "CNTKCTL after writing 0xffffffff", r0
        MOV32   r1, 0x303
        mcr     p15, 0, r1, c14, c1, 0
        mrc     p15, 0, r0, c14, c1, 0
        SHOW    "CNTKCTL after writing 0x303", r0
        mov     r1, #0
        mcr     p15, 0, r1, c14, c1, 0

        PUTS    "-- counters\n"
        mrrc    p15, 0, r4, r5, c14             @ CNTPCT
        mrrc    p15, 1, r6, r7, c14             @ CNTVCT
        subs    r0, r6, r4
        sbc     r1, r7, r5
        cmp     r1, #0
        cmpeq   r0, #0x100000
        SHOWCS  "CNTVCT - CNTPCT >= 2^20 (CNTVOFF is 0)"
        cmp     r1, #0
        SHOWEQ  "CNTVCT - CNTPCT fits in 32 bits"
        @ 1000 reads of CNTVCT never go backwards
        mov     r8, #1000
        mov     r9, #0                          @ count of decreases
1:      mrrc    p15, 1, r0, r1, c14
        subs    r2, r0, r6
        sbcs    r3, r1, r7
        addcc   r9, r9, #1
        mov     r6, r0
        mov     r7, r1
        subs    r8, r8, #1
        bne     1b
        SHOW    "CNTVCT decreases in 1000 reads", r9
        @ wait until CNTPCT has advanced by 1 ms
        mrrc    p15, 0, r4, r5, c14
        MOV32   r0, PERIOD_1MS
        adds    r4, r4, r0
        adc     r5, r5, #0
2:      mrrc    p15, 0, r0, r1, c14
        subs    r2, r0, r4
        sbcs    r3, r1, r5
        bcc     2b
        PUTS    "CNTPCT advanced by 1 ms\n"

        PUTS    "-- CVAL is a 64-bit register\n"
        MOV32   r0, 0x76543210
        MOV32   r1, 0xfedcba98
        mcrr    p15, 2, r0, r1, c14
        MOV32   r0, 0x89abcdef
        MOV32   r1, 0x01234567
        mcrr    p15, 3, r0, r1, c14
        mrrc    p15, 2, r0, r1, c14
        SHOW64  "CNTP_CVAL", r0, r1
        mrrc    p15, 3, r0, r1, c14
        SHOW64  "CNTV_CVAL", r0, r1
        mrc     p15, 0, r0, c14, c2, 1
        SHOW    "CNTP_CTL (disabled: no ISTATUS)", r0

        PUTS    "-- TVAL sets CVAL = counter + signed TVAL and counts down\n"
        mov     r0, #FAR_AHEAD
        mrrc    p15, 1, r4, r5, c14             @ counter before
        mcr     p15, 0, r0, c14, c3, 0          @ CNTV_TVAL
        mrrc    p15, 1, r6, r7, c14             @ counter after
        mrrc    p15, 3, r8, r9, c14             @ CNTV_CVAL
        bl      check_cval
        SHOW    "CVAL - counter - 0x40000000 in [before, after]", r0
        mrc     p15, 0, r4, c14, c3, 0          @ TVAL now
        mov     r0, #200
3:      subs    r0, r0, #1
        bne     3b
        mrrc    p15, 1, r0, r1, c14             @ let the counter move on
        mov     r0, #200
4:      subs    r0, r0, #1
        bne     4b
        mrc     p15, 0, r5, c14, c3, 0          @ TVAL later
        cmp     r4, #FAR_AHEAD
        movls   r0, #1
        movhi   r0, #0
        SHOW    "first TVAL <= 0x40000000", r0
        cmp     r4, r5
        SHOWCS  "TVAL did not increase"
        mvn     r0, #0                          @ TVAL = -1: CVAL in the past
        mrrc    p15, 1, r4, r5, c14
        mcr     p15, 0, r0, c14, c3, 0
        mrrc    p15, 1, r6, r7, c14
        mrrc    p15, 3, r8, r9, c14
        adds    r8, r8, #1                      @ CVAL + 1 = counter at the write
        adc     r9, r9, #0
        bl      check_cval_exact
        SHOW    "TVAL=-1: CVAL + 1 in [before, after]", r0
        mrc     p15, 0, r0, c14, c3, 0
        mov     r0, r0, lsr #31
        SHOW    "TVAL reads negative", r0

        PUTS    "-- ENABLE, IMASK and ISTATUS (CNTV, CVAL in the past)\n"
        mov     r1, #1
        mcr     p15, 0, r1, c14, c3, 1
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CTL after writing 1", r0
        mov     r1, #3
        mcr     p15, 0, r1, c14, c3, 1
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CTL after writing 3", r0
        mov     r1, #4                          @ ISTATUS is read-only
        mcr     p15, 0, r1, c14, c3, 1
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CTL after writing 4", r0
        mov     r1, #2
        mcr     p15, 0, r1, c14, c3, 1
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CTL after writing 2", r0
        mvn     r1, #0
        mcr     p15, 0, r1, c14, c3, 1
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CTL after writing 0xffffffff", r0
        mov     r0, #0
        mov     r1, #0x10000000                 @ CVAL far in the future while enabled
        mcrr    p15, 3, r0, r1, c14
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CTL after CVAL = 0x10000000_00000000", r0
        mov     r0, #0
        mov     r1, #0
        mcrr    p15, 3, r0, r1, c14
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CTL after CVAL = 0", r0
        mov     r1, #0
        mcr     p15, 0, r1, c14, c3, 1
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CTL after writing 0", r0

        PUTS    "-- polling CNTP for expiry (1 ms)\n"
        MOV32   r0, PERIOD_1MS
        mcr     p15, 0, r0, c14, c2, 0          @ CNTP_TVAL
        mov     r0, #1
        mcr     p15, 0, r0, c14, c2, 1          @ CNTP_CTL: enable, unmasked
        mrc     p15, 0, r0, c14, c2, 1
        SHOW    "CNTP_CTL just after enabling", r0
5:      mrc     p15, 0, r0, c14, c2, 1
        tst     r0, #4
        beq     5b
        SHOW    "CNTP_CTL after polling", r0
        mrrc    p15, 0, r0, r1, c14             @ CNTPCT
        mrrc    p15, 2, r2, r3, c14             @ CNTP_CVAL
        subs    r0, r0, r2
        sbcs    r1, r1, r3
        SHOWCS  "CNTPCT >= CNTP_CVAL"
        mrc     p15, 0, r0, c14, c2, 0
        cmp     r0, #0                          @ signed: negative or zero
        movle   r0, #1
        movgt   r0, #0
        SHOW    "CNTP_TVAL <= 0", r0
        mov     r0, #3
        mcr     p15, 0, r0, c14, c2, 1
        mrc     p15, 0, r0, c14, c2, 1
        SHOW    "CNTP_CTL after masking", r0
        mov     r0, #2
        mcr     p15, 0, r0, c14, c2, 1
        mrc     p15, 0, r0, c14, c2, 1
        SHOW    "CNTP_CTL after writing 2 (disabled)", r0
        mov     r0, #0
        mcr     p15, 0, r0, c14, c2, 1
        mrc     p15, 0, r0, c14, c2, 1
        SHOW    "CNTP_CTL after disabling", r0

        PUTS    "-- User-mode access (bit n set = access n was UNDEFINED)\n"
        PUTS    "   0 CNTFRQ rd, 1 CNTFRQ wr, 2 CNTPCT, 3 CNTVCT, 4 CNTKCTL rd,\n"
        PUTS    "   5-8 CNTP CTL rd/TVAL rd/CVAL rd/CTL wr, 9-12 CNTV same, 13 CNTV_CVAL wr\n"
        adr     r4, cntkctl_values
        mov     r6, #(cntkctl_values_end - cntkctl_values) / 4
6:      ldr     r5, [r4], #4
        mcr     p15, 0, r5, c14, c1, 0
        bl      user_accesses
        PUTS    "CNTKCTL="
        PUTHEX  r5
        PUTS    ": "
        PUTHEX  r10
        PUTS    "\n"
        subs    r6, r6, #1
        bne     6b
        mov     r0, #0
        mcr     p15, 0, r0, c14, c1, 0
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CNTV_CTL after the user-mode writes", r0

        pop     {r4-r11, lr}
        bx      lr

cntkctl_values:
        .word   0, 1, 2, 0x100, 0x200, 0x303, 0xfffffcfc, 0xffffffff
cntkctl_values_end:

@ check_cval: r0 = 1 when before + FAR_AHEAD <= CVAL <= after + FAR_AHEAD
@ (before r5:r4, after r7:r6, CVAL r9:r8), else 0.
check_cval:
        adds    r4, r4, #FAR_AHEAD
        adc     r5, r5, #0
        adds    r6, r6, #FAR_AHEAD
        adc     r7, r7, #0
check_cval_exact:
        mov     r0, #0
        subs    r2, r8, r4                      @ CVAL >= before?
        sbcs    r3, r9, r5
        bxcc    lr
        subs    r2, r6, r8                      @ after >= CVAL?
        sbcs    r3, r7, r9
        movcs   r0, #1
        bx      lr

@ user_accesses: run the access table in User mode; r10 = mask of UNDEFINED ones.
user_accesses:
        push    {r4, lr}
        mov     r10, #0
        MOV32   r4, 62500000
        cps     #MODE_USR
        mov     r11, #0
        mrc     p15, 0, r0, c14, c0, 0          @ CNTFRQ
        mov     r11, #1
        mcr     p15, 0, r4, c14, c0, 0
        mov     r11, #2
        mrrc    p15, 0, r0, r1, c14             @ CNTPCT
        mov     r11, #3
        mrrc    p15, 1, r0, r1, c14             @ CNTVCT
        mov     r11, #4
        mrc     p15, 0, r0, c14, c1, 0          @ CNTKCTL
        mov     r11, #5
        mrc     p15, 0, r0, c14, c2, 1          @ CNTP_CTL
        mov     r11, #6
        mrc     p15, 0, r0, c14, c2, 0          @ CNTP_TVAL
        mov     r11, #7
        mrrc    p15, 2, r0, r1, c14             @ CNTP_CVAL
        mov     r11, #8
        mov     r0, #0
        mcr     p15, 0, r0, c14, c2, 1
        mov     r11, #9
        mrc     p15, 0, r0, c14, c3, 1          @ CNTV_CTL
        mov     r11, #10
        mrc     p15, 0, r0, c14, c3, 0          @ CNTV_TVAL
        mov     r11, #11
        mrrc    p15, 3, r0, r1, c14             @ CNTV_CVAL
        mov     r11, #12
        mov     r0, #2                          @ masked, disabled
        mcr     p15, 0, r0, c14, c3, 1
        mov     r11, #13
        mov     r0, #0
        mov     r1, #0
        mcrr    p15, 3, r0, r1, c14
        svc     #0                              @ back to SVC
        pop     {r4, lr}
        bx      lr
        .ltorg
