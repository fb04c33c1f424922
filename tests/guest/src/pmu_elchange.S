@ pmu_elchange: QEMU brings the PMU counters up to date around every exception
@ entry and exception return (its pmu_pre_el_change/pmu_post_el_change hooks),
@ so a counter filtered at one privilege keeps its value across the change. A
@ SW_INCR counter that does not count at PL1 (PMEVTYPER.P) is written at PL1,
@ then incremented by PMSWINC in User mode, entered once by an exception return
@ (the value is kept) and once by CPS, which is not an exception-level change
@ for QEMU's hooks (the counter restarts from its last delta); then a counter
@ that does not count at PL0 is read there and PL1 is re-entered by an SVC.
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

@ setup: PMCR.E, PMUSERENR.EN, counter 2 = SW_INCR not counting at PL1,
@ enabled, value 5.
setup:
        push    {r0, lr}
        bl      pmu_off
        mov     r0, #1
        mcr     p15, 0, r0, c9, c14, 0          @ PMUSERENR.EN
        mov     r0, #PMCR_E
        mcr     p15, 0, r0, c9, c12, 0
        mov     r0, #(FILT_P | EV_SW_INCR)
        mcr     p15, 0, r0, c14, c12, 2
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 1          @ PMCNTENSET
        mov     r0, #5
        mcr     p15, 0, r0, c14, c8, 2          @ PMEVCNTR2 = 5
        pop     {r0, lr}
        bx      lr

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "pmu_elchange: counters across exception-level changes\n"
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR
        isb

        PUTS    "-- User mode entered by an exception return (movs pc, lr)\n"
        bl      setup
        mrs     r0, cpsr
        bic     r0, r0, #PSR_MODE_MASK
        orr     r0, r0, #MODE_USR
        msr     spsr_fsxc, r0
        adr     lr, 1f
        movs    pc, lr
1:      mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 4          @ PMSWINC counter 2
        mrc     p15, 0, r4, c14, c8, 2          @ read in User mode
        svc     #0
        mrc     p15, 0, r5, c14, c8, 2
        SHOW    "PMEVCNTR2 read in User mode", r4
        SHOW    "PMEVCNTR2 read at PL1 afterwards", r5

        PUTS    "-- User mode entered by CPS\n"
        bl      setup
        cps     #MODE_USR
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 4
        mrc     p15, 0, r4, c14, c8, 2
        svc     #0
        mrc     p15, 0, r5, c14, c8, 2
        SHOW    "PMEVCNTR2 read in User mode", r4
        SHOW    "PMEVCNTR2 read at PL1 afterwards", r5

        PUTS    "-- back to PL1 by an exception, counting at PL1 only\n"
        bl      setup
        mov     r0, #(FILT_U | EV_SW_INCR)
        mcr     p15, 0, r0, c14, c12, 2         @ not at PL0
        cps     #MODE_USR
        mrc     p15, 0, r4, c14, c8, 2          @ read where it does not count
        svc     #0                              @ PL0 -> PL1 through the hooks
        SHOW    "PMEVCNTR2 read in User mode", r4
        mov     r0, #4
        mcr     p15, 0, r0, c9, c12, 4
        mrc     p15, 0, r5, c14, c8, 2
        SHOW    "PMEVCNTR2", r5
        bl      pmu_off
        pop     {r4-r11, lr}
        bx      lr
        .ltorg
