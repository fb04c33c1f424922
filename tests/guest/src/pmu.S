@ pmu: the ARMv7 Performance Monitors of QEMU's cortex-a15 (PMUv2, PMCR.N = 6
@ event counters, no EL2/EL3): reset values, which encodings exist (PMCEID0/1
@ are ARMv8 only), the cycle counter (enable bits, PMCR.C/P, PMCCFILTR, 32-bit
@ overflow with PMCR.LC clear and none with it set, PMCR.D), event counters
@ (PMSELR indirection, CPU_CYCLES, INST_RETIRED, SW_INCR via PMSWINC,
@ filtering by privilege, overflow, PMOVSR/PMOVSSET) and User-mode access under
@ PMUSERENR.EN. The overflow interrupt is in pmu_irq.S.
@
@ QEMU counts cycles from virtual time (1 GHz) and INST_RETIRED only under
@ -icount: no raw cycle values are printed, only whether a counter moved, and
@ the INST_RETIRED line is true both with (exact count) and without -icount
@ (INST_RETIRED is then an unsupported event and does not count).
        .include "pmu_common.inc"

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

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "pmu: performance monitors (cortex-a15, PMUv2)\n"
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR
        isb

        PUTS    "-- reset values\n"
        mrc     p15, 0, r0, c0, c1, 2
        SHOW    "ID_DFR0", r0
        mrc     p15, 0, r0, c9, c12, 0
        SHOW    "PMCR", r0
        mrc     p15, 0, r0, c9, c12, 1
        SHOW    "PMCNTENSET", r0
        mrc     p15, 0, r0, c9, c12, 2
        SHOW    "PMCNTENCLR", r0
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR", r0
        mrc     p15, 0, r0, c9, c14, 3
        SHOW    "PMOVSSET", r0
        mrc     p15, 0, r0, c9, c12, 5
        SHOW    "PMSELR", r0
        mrc     p15, 0, r0, c9, c13, 0
        SHOW    "PMCCNTR", r0
        mrc     p15, 0, r0, c9, c13, 1
        SHOW    "PMXEVTYPER", r0
        mrc     p15, 0, r0, c9, c13, 2
        SHOW    "PMXEVCNTR", r0
        mrc     p15, 0, r0, c9, c14, 0
        SHOW    "PMUSERENR", r0
        mrc     p15, 0, r0, c9, c14, 1
        SHOW    "PMINTENSET", r0
        mrc     p15, 0, r0, c9, c14, 2
        SHOW    "PMINTENCLR", r0
        mrc     p15, 0, r0, c14, c15, 7
        SHOW    "PMCCFILTR", r0
        mrc     p15, 0, r0, c14, c8, 0
        SHOW    "PMEVCNTR0", r0
        mrc     p15, 0, r0, c14, c8, 5
        SHOW    "PMEVCNTR5", r0
        mrc     p15, 0, r0, c14, c12, 0
        SHOW    "PMEVTYPER0", r0
        mrc     p15, 0, r0, c14, c12, 5
        SHOW    "PMEVTYPER5", r0

        PUTS    "-- encodings that are UNDEFINED (bit n set = access n trapped)\n"
        PUTS    "   0 PMCEID0, 1 PMCEID1, 2 PMSWINC rd, 3 PMEVCNTR6, 4 PMEVTYPER6, 5 PMCCNTR (64)\n"
        mov     r10, #0
        mov     r11, #0
        mrc     p15, 0, r0, c9, c12, 6
        mov     r11, #1
        mrc     p15, 0, r0, c9, c12, 7
        mov     r11, #2
        mrc     p15, 0, r0, c9, c12, 4
        mov     r11, #3
        mrc     p15, 0, r0, c14, c8, 6
        mov     r11, #4
        mrc     p15, 0, r0, c14, c12, 6
        mov     r11, #5
        mrrc    p15, 0, r0, r1, c9
        SHOW    "UNDEFINED", r10

        bl      cycle_counter
        bl      event_counters
        bl      user_mode
        bl      pmu_off

        pop     {r4-r11, lr}
        bx      lr
        .ltorg

@ ------------------------------------------------------------ cycle counter
cycle_counter:
        push    {r4-r6, lr}
        PUTS    "-- cycle counter\n"
        bl      pmu_off
        MOV32   r0, 0x1234
        mcr     p15, 0, r0, c9, c13, 0          @ PMCCNTR
        mov     r0, #CCNT_BIT
        mcr     p15, 0, r0, c9, c12, 1          @ PMCNTENSET.C, PMCR.E still 0
        mrc     p15, 0, r0, c9, c12, 1
        SHOW    "PMCNTENSET", r0
        mrc     p15, 0, r4, c9, c13, 0
        SPIN    1000
        mrc     p15, 0, r5, c9, c13, 0
        SHOW    "PMCCNTR with PMCR.E clear", r4
        SHOW    "PMCCNTR after a loop", r5
        mov     r0, #PMCR_E
        mcr     p15, 0, r0, c9, c12, 0
        mrc     p15, 0, r0, c9, c12, 0
        SHOW    "PMCR", r0
        mrc     p15, 0, r4, c9, c13, 0
        SPIN    1000
        mrc     p15, 0, r5, c9, c13, 0
        MOVED   r4, r5
        SHOWBOOL "counts with PMCR.E and PMCNTENSET.C"
        mov     r0, #CCNT_BIT
        mcr     p15, 0, r0, c9, c12, 2          @ PMCNTENCLR.C
        mrc     p15, 0, r4, c9, c13, 0
        SPIN    1000
        mrc     p15, 0, r5, c9, c13, 0
        sub     r0, r5, r4
        SHOW    "change after PMCNTENCLR.C", r0
        mov     r0, #CCNT_BIT
        mcr     p15, 0, r0, c9, c12, 1
        mov     r0, #0
        mcr     p15, 0, r0, c9, c12, 0          @ PMCR.E off
        mrc     p15, 0, r4, c9, c13, 0
        SPIN    1000
        mrc     p15, 0, r5, c9, c13, 0
        sub     r0, r5, r4
        SHOW    "change with PMCR.E clear", r0
        mov     r0, #PMCR_C
        mcr     p15, 0, r0, c9, c12, 0          @ PMCR.C: reset
        mrc     p15, 0, r0, c9, c13, 0
        SHOW    "PMCCNTR after PMCR.C", r0
        MOV32   r0, 0x55
        mcr     p15, 0, r0, c9, c13, 0
        mov     r0, #PMCR_P
        mcr     p15, 0, r0, c9, c12, 0          @ PMCR.P resets event counters only
        mrc     p15, 0, r0, c9, c13, 0
        SHOW    "PMCCNTR after PMCR.P", r0
        mrc     p15, 0, r0, c9, c12, 0
        SHOW    "PMCR (P and C read as 0)", r0

        PUTS    "-- cycle counter filtering (PMCCFILTR) at PL1\n"
        mov     r0, #PMCR_E
        mcr     p15, 0, r0, c9, c12, 0
        mov     r0, #FILT_P
        mcr     p15, 0, r0, c14, c15, 7
        mrc     p15, 0, r0, c14, c15, 7
        SHOW    "PMCCFILTR", r0
        mrc     p15, 0, r4, c9, c13, 0
        SPIN    1000
        mrc     p15, 0, r5, c9, c13, 0
        sub     r0, r5, r4
        SHOW    "change with PMCCFILTR.P", r0
        mov     r0, #FILT_U
        mcr     p15, 0, r0, c14, c15, 7
        mrc     p15, 0, r4, c9, c13, 0
        SPIN    1000
        mrc     p15, 0, r5, c9, c13, 0
        MOVED   r4, r5
        SHOWBOOL "counts with PMCCFILTR.U"
        mov     r0, #31
        mcr     p15, 0, r0, c9, c12, 5          @ PMSELR = 31: PMXEVTYPER is PMCCFILTR
        mvn     r0, #0
        mcr     p15, 0, r0, c9, c13, 1
        mrc     p15, 0, r0, c9, c13, 1
        SHOW    "PMXEVTYPER (PMSELR 31) <- 0xffffffff", r0
        mrc     p15, 0, r0, c14, c15, 7
        SHOW    "PMCCFILTR", r0
        mrc     p15, 0, r0, c9, c13, 2
        SHOW    "PMXEVCNTR (PMSELR 31)", r0
        mov     r0, #0
        mcr     p15, 0, r0, c9, c13, 1
        mrc     p15, 0, r0, c9, c13, 1
        SHOW    "PMXEVTYPER (PMSELR 31) <- 0", r0

        PUTS    "-- cycle counter overflow\n"
        bl      pmu_off
        MOV32   r0, 0xfffff000
        mcr     p15, 0, r0, c9, c13, 0
        mov     r0, #CCNT_BIT
        mcr     p15, 0, r0, c9, c12, 1
        mov     r0, #PMCR_E
        mcr     p15, 0, r0, c9, c12, 0
1:      mrc     p15, 0, r0, c9, c13, 0
        cmp     r0, #0
        blt     1b                              @ until it wraps
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR after wrapping (LC clear)", r0
        mov     r0, #CCNT_BIT
        mcr     p15, 0, r0, c9, c12, 3          @ clear
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR after writing 0x80000000", r0
        mov     r0, #(PMCR_E | PMCR_LC)
        mcr     p15, 0, r0, c9, c12, 0
        MOV32   r0, 0xfffff000
        mcr     p15, 0, r0, c9, c13, 0
1:      mrc     p15, 0, r0, c9, c13, 0
        cmp     r0, #0
        blt     1b
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR after wrapping (LC set)", r0
        mrc     p15, 0, r0, c9, c12, 0
        SHOW    "PMCR", r0
        mov     r0, #(PMCR_E | PMCR_D)
        mcr     p15, 0, r0, c9, c12, 0
        MOV32   r0, 0xffffffc0
        mcr     p15, 0, r0, c9, c13, 0
1:      mrc     p15, 0, r0, c9, c13, 0
        cmp     r0, #0
        blt     1b
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR after wrapping (D set: 1 tick per 64 cycles)", r0
        bl      pmu_off
        pop     {r4-r6, lr}
        bx      lr
        .ltorg

@ ------------------------------------------------------------ event counters
event_counters:
        push    {r4-r8, lr}
        PUTS    "-- event counters: PMSELR, PMXEVTYPER, PMXEVCNTR\n"
        bl      pmu_off
        mov     r0, #2
        mcr     p15, 0, r0, c9, c12, 5          @ PMSELR
        MOV32   r0, 0xffffffff
        mcr     p15, 0, r0, c9, c13, 1          @ PMXEVTYPER (2)
        MOV32   r0, 0x12345678
        mcr     p15, 0, r0, c9, c13, 2          @ PMXEVCNTR (2)
        mrc     p15, 0, r0, c14, c12, 2
        SHOW    "PMEVTYPER2", r0
        mrc     p15, 0, r0, c14, c8, 2
        SHOW    "PMEVCNTR2", r0
        mov     r0, #6
        mcr     p15, 0, r0, c9, c12, 5          @ PMSELR 6: no such counter
        mov     r0, #0x11
        mcr     p15, 0, r0, c9, c13, 1
        mcr     p15, 0, r0, c9, c13, 2
        mrc     p15, 0, r0, c9, c13, 1
        SHOW    "PMXEVTYPER (PMSELR 6)", r0
        mrc     p15, 0, r0, c9, c13, 2
        SHOW    "PMXEVCNTR (PMSELR 6)", r0
        mov     r0, #(PMCR_P)
        mcr     p15, 0, r0, c9, c12, 0
        mrc     p15, 0, r0, c14, c8, 2
        SHOW    "PMEVCNTR2 after PMCR.P", r0

        PUTS    "-- counting: CPU_CYCLES (0), INST_RETIRED (1), SW_INCR (2, 5), unimplemented 0x01 (3)\n"
        bl      pmu_off
        mov     r0, #EV_CPU_CYCLES
        mcr     p15, 0, r0, c14, c12, 0
        mov     r0, #EV_INST_RETIRED
        mcr     p15, 0, r0, c14, c12, 1
        mov     r0, #EV_SW_INCR
        mcr     p15, 0, r0, c14, c12, 2
        mov     r0, #EV_L1I_REFILL
        mcr     p15, 0, r0, c14, c12, 3
        mov     r0, #EV_SW_INCR
        mcr     p15, 0, r0, c14, c12, 4
        mcr     p15, 0, r0, c14, c12, 5
        mov     r0, #0x2f                       @ all but counter 4
        mcr     p15, 0, r0, c9, c12, 1
        mrc     p15, 0, r4, c14, c8, 0
        SPIN    1000
        mrc     p15, 0, r5, c14, c8, 0
        sub     r0, r5, r4
        SHOW    "CPU_CYCLES change with PMCR.E clear", r0
        mov     r0, #PMCR_E
        mcr     p15, 0, r0, c9, c12, 0
        mrc     p15, 0, r4, c14, c8, 0
        SPIN    1000
        mrc     p15, 0, r5, c14, c8, 0
        MOVED   r4, r5
        SHOWBOOL "CPU_CYCLES counts"
        mrc     p15, 0, r4, c14, c8, 3
        SPIN    1000
        mrc     p15, 0, r5, c14, c8, 3
        sub     r0, r5, r4
        SHOW    "event 0x01 change", r0
        @ INST_RETIRED over a fixed sequence. Each read starts a block (it follows a
        @ branch), so the count is the same whether or not a read counts itself.
        mov     r0, #1
        mcr     p15, 0, r0, c9, c12, 5          @ PMSELR = 1
        mov     r2, #LOOP_N
        b       1f
1:      mrc     p15, 0, r4, c9, c13, 2          @ PMXEVCNTR (1)
2:      subs    r2, r2, #1
        bne     2b
        b       3f
3:      mrc     p15, 0, r5, c9, c13, 2
        sub     r6, r5, r4
        cmp     r6, #0
        cmpne   r6, #LOOP_INSNS
        moveq   r0, #1
        movne   r0, #0
        SHOWBOOL "INST_RETIRED change is 0 (no -icount) or the instruction count"
        mrc     p15, 0, r4, c14, c8, 2
        mrc     p15, 0, r5, c14, c8, 5
        mrc     p15, 0, r6, c14, c8, 4
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 4          @ PMSWINC: counter 2
        mcr     p15, 0, r0, c9, c12, 4
        mcr     p15, 0, r0, c9, c12, 4
        mov     r0, #0x3f
        mcr     p15, 0, r0, c9, c12, 4          @ PMSWINC: every counter
        mrc     p15, 0, r0, c14, c8, 2
        sub     r0, r0, r4
        SHOW    "SW_INCR counter 2 change (3 + 1 increments)", r0
        mrc     p15, 0, r0, c14, c8, 5
        sub     r0, r0, r5
        SHOW    "SW_INCR counter 5 change", r0
        mrc     p15, 0, r0, c14, c8, 4
        sub     r0, r0, r6
        SHOW    "SW_INCR counter 4 (disabled) change", r0
        mrc     p15, 0, r0, c14, c8, 3
        SHOW    "event 0x01 counter after PMSWINC", r0
        mov     r0, #0
        mcr     p15, 0, r0, c9, c12, 0          @ PMCR.E off: PMSWINC does nothing
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 4
        mrc     p15, 0, r0, c14, c8, 2
        sub     r0, r0, r4
        SHOW    "SW_INCR counter 2 change after PMSWINC with PMCR.E clear", r0

        PUTS    "-- SW_INCR filtering at PL1\n"
        mov     r0, #PMCR_E
        mcr     p15, 0, r0, c9, c12, 0
        mov     r0, #0
        mcr     p15, 0, r0, c14, c8, 2
        mov     r0, #(FILT_P | EV_SW_INCR)
        mcr     p15, 0, r0, c14, c12, 2
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 4
        mrc     p15, 0, r0, c14, c8, 2
        SHOW    "counter 2 with P set", r0
        mov     r0, #(FILT_U | EV_SW_INCR)
        mcr     p15, 0, r0, c14, c12, 2
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 4
        mrc     p15, 0, r0, c14, c8, 2
        SHOW    "counter 2 with U set", r0

        PUTS    "-- event counter overflow\n"
        mov     r0, #EV_SW_INCR
        mcr     p15, 0, r0, c14, c12, 2
        MOV32   r0, 0xfffffffe
        mcr     p15, 0, r0, c14, c8, 2
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 4
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR at 0xffffffff", r0
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 4
        mrc     p15, 0, r0, c14, c8, 2
        SHOW    "counter 2", r0
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR after wrapping", r0
        mov     r0, #0
        mcr     p15, 0, r0, c9, c12, 3
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR after writing 0", r0
        mvn     r0, #0
        mcr     p15, 0, r0, c9, c12, 3
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR after writing 0xffffffff", r0
        mvn     r0, #0
        mcr     p15, 0, r0, c9, c14, 3          @ PMOVSSET
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR after PMOVSSET 0xffffffff", r0
        mvn     r0, #0
        mcr     p15, 0, r0, c9, c12, 3
        @ A CPU_CYCLES counter overflowing: seen by the next read.
        MOV32   r0, 0xfffff000
        mcr     p15, 0, r0, c14, c8, 0
1:      mrc     p15, 0, r0, c14, c8, 0
        cmp     r0, #0
        blt     1b
        mrc     p15, 0, r0, c9, c12, 3
        SHOW    "PMOVSR after CPU_CYCLES counter 0 wraps", r0
        bl      pmu_off
        pop     {r4-r8, lr}
        bx      lr
        .ltorg

@ ------------------------------------------------------------ User mode
user_mode:
        push    {r4-r6, lr}
        PUTS    "-- User-mode access (bit n set = access n was UNDEFINED)\n"
        PUTS    "   0/1 PMCR rd/wr, 2/3 PMCNTENSET, 4/5 PMCNTENCLR, 6/7 PMOVSR, 8/9 PMSWINC,\n"
        PUTS    "   10/11 PMSELR, 12/13 PMCCNTR, 14/15 PMXEVTYPER, 16/17 PMXEVCNTR, 18/19 PMUSERENR,\n"
        PUTS    "   20/21 PMINTENSET, 22/23 PMINTENCLR, 24/25 PMOVSSET, 26/27 PMEVCNTR0,\n"
        PUTS    "   28/29 PMEVTYPER0, 30/31 PMCCFILTR\n"
        bl      pmu_off
        bl      user_accesses
        SHOW    "PMUSERENR=0", r10
        mov     r0, #1
        mcr     p15, 0, r0, c9, c14, 0
        bl      user_accesses
        SHOW    "PMUSERENR=1", r10
        mrc     p15, 0, r0, c9, c14, 0
        SHOW    "PMUSERENR after the User-mode write", r0
        mvn     r0, #0
        mcr     p15, 0, r0, c9, c14, 0
        mrc     p15, 0, r0, c9, c14, 0
        SHOW    "PMUSERENR <- 0xffffffff", r0

        PUTS    "-- SW_INCR from User mode (PMUSERENR.EN set)\n"
        bl      pmu_off
        mov     r0, #1
        mcr     p15, 0, r0, c9, c14, 0
        mov     r0, #PMCR_E
        mcr     p15, 0, r0, c9, c12, 0
        mov     r0, #0x6                        @ counters 1 and 2
        mcr     p15, 0, r0, c9, c12, 1
        mov     r0, #(FILT_U | EV_SW_INCR)
        mcr     p15, 0, r0, c14, c12, 1         @ counter 1: not at PL0
        mov     r0, #(FILT_P | EV_SW_INCR)
        mcr     p15, 0, r0, c14, c12, 2         @ counter 2: not at PL1
        mov     r10, #0
        mov     r11, #0
        cps     #MODE_USR
        mov     r0, #6
        mcr     p15, 0, r0, c9, c12, 4          @ PMSWINC counters 1, 2
        mcr     p15, 0, r0, c9, c12, 4
        mrc     p15, 0, r4, c14, c8, 1
        mrc     p15, 0, r5, c14, c8, 2
        svc     #0
        SHOW    "counter 1 (U set)", r4
        SHOW    "counter 2 (P set)", r5
        SHOW    "UNDEFINED", r10
        bl      pmu_off
        pop     {r4-r6, lr}
        bx      lr
        .ltorg

@ user_accesses: every PMU register access from User mode; r10 = mask of the
@ UNDEFINED ones. Writes store values that change nothing (0).
user_accesses:
        push    {r4, lr}
        mov     r10, #0
        mov     r4, #0
        cps     #MODE_USR
        mov     r11, #0
        mrc     p15, 0, r0, c9, c12, 0          @ PMCR
        mov     r11, #1
        mcr     p15, 0, r4, c9, c12, 0
        mov     r11, #2
        mrc     p15, 0, r0, c9, c12, 1          @ PMCNTENSET
        mov     r11, #3
        mcr     p15, 0, r4, c9, c12, 1
        mov     r11, #4
        mrc     p15, 0, r0, c9, c12, 2          @ PMCNTENCLR
        mov     r11, #5
        mcr     p15, 0, r4, c9, c12, 2
        mov     r11, #6
        mrc     p15, 0, r0, c9, c12, 3          @ PMOVSR
        mov     r11, #7
        mcr     p15, 0, r4, c9, c12, 3
        mov     r11, #8
        mrc     p15, 0, r0, c9, c12, 4          @ PMSWINC
        mov     r11, #9
        mcr     p15, 0, r4, c9, c12, 4
        mov     r11, #10
        mrc     p15, 0, r0, c9, c12, 5          @ PMSELR
        mov     r11, #11
        mcr     p15, 0, r4, c9, c12, 5
        mov     r11, #12
        mrc     p15, 0, r0, c9, c13, 0          @ PMCCNTR
        mov     r11, #13
        mcr     p15, 0, r4, c9, c13, 0
        mov     r11, #14
        mrc     p15, 0, r0, c9, c13, 1          @ PMXEVTYPER
        mov     r11, #15
        mcr     p15, 0, r4, c9, c13, 1
        mov     r11, #16
        mrc     p15, 0, r0, c9, c13, 2          @ PMXEVCNTR
        mov     r11, #17
        mcr     p15, 0, r4, c9, c13, 2
        mov     r11, #18
        mrc     p15, 0, r0, c9, c14, 0          @ PMUSERENR
        mov     r11, #19
        mov     r0, #0
        mcr     p15, 0, r0, c9, c14, 0
        mov     r11, #20
        mrc     p15, 0, r0, c9, c14, 1          @ PMINTENSET
        mov     r11, #21
        mcr     p15, 0, r4, c9, c14, 1
        mov     r11, #22
        mrc     p15, 0, r0, c9, c14, 2          @ PMINTENCLR
        mov     r11, #23
        mcr     p15, 0, r4, c9, c14, 2
        mov     r11, #24
        mrc     p15, 0, r0, c9, c14, 3          @ PMOVSSET
        mov     r11, #25
        mcr     p15, 0, r4, c9, c14, 3
        mov     r11, #26
        mrc     p15, 0, r0, c14, c8, 0          @ PMEVCNTR0
        mov     r11, #27
        mcr     p15, 0, r4, c14, c8, 0
        mov     r11, #28
        mrc     p15, 0, r0, c14, c12, 0         @ PMEVTYPER0
        mov     r11, #29
        mcr     p15, 0, r4, c14, c12, 0
        mov     r11, #30
        mrc     p15, 0, r0, c14, c15, 7         @ PMCCFILTR
        mov     r11, #31
        mcr     p15, 0, r4, c14, c15, 7
        svc     #0                              @ back to SVC
        pop     {r4, lr}
        bx      lr
        .ltorg

