@ irq_timer: generic timer interrupts through the GICv2 on -M virt. The
@ virtual timer (PPI 11, INTID 27) and the non-secure physical timer (PPI 14,
@ INTID 30) fire periodically while the CPU sleeps in WFI; the IRQ handler
@ acknowledges through GICC_IAR and completes through GICC_EOIR. Also: two
@ timers pending at once (taken in priority order), IMASK gating the output,
@ the interrupt taken right after the write that unmasks it, and WFI waking
@ with CPSR.I set. Nothing printed depends on how fast the host runs.
        .include "lib.inc"

        .equ GICD_BASE,       0x08000000
        .equ GICD_CTLR,       0x000
        .equ GICD_ISENABLER,  0x100
        .equ GICD_ICENABLER,  0x180
        .equ GICD_ISPENDR,    0x200
        .equ GICD_ISACTIVER,  0x300
        .equ GICD_IPRIORITYR, 0x400
        .equ GICC_BASE,       0x08010000
        .equ GICC_CTLR,       0x00
        .equ GICC_PMR,        0x04
        .equ GICC_IAR,        0x0c
        .equ GICC_EOIR,       0x10
        .equ GICC_RPR,        0x14
        .equ GICC_HPPIR,      0x18

        .equ INTID_VTIMER, 27
        .equ INTID_PTIMER, 30
        .equ PERIOD, 62500              @ 1 ms of 62.5 MHz ticks
        .equ LOG_MAX, 16

        .text
        .balign 32
vectors:
        b       default_vectors + 0x00
        b       default_vectors + 0x04
        b       default_vectors + 0x08
        b       default_vectors + 0x0c
        b       default_vectors + 0x10
        b       default_vectors + 0x14
        b       irq_handler
        b       default_vectors + 0x1c

@ IRQ: acknowledge, log the INTID, r4 and the return address, run the current
@ action (r0 = INTID), complete. r4 is the main program's progress marker.
irq_handler:
        sub     lr, lr, #4
        push    {r0-r3, r12, lr}
        MOV32   r1, GICC_BASE
        ldr     r0, [r1, #GICC_IAR]
        ldr     r2, =log_count
        ldr     r3, [r2]
        cmp     r3, #LOG_MAX
        addlo   r12, r2, #4
        strlo   r0, [r12, r3, lsl #2]           @ log_intid[n]
        addlo   r3, r3, #1
        strlo   r3, [r2]
        ldr     r2, =last_r4
        str     r4, [r2]
        str     lr, [r2, #4]                    @ last_ret
        ldr     r2, [r1, #GICC_RPR]
        ldr     r3, =last_rpr
        str     r2, [r3]
        ldr     r3, =1023
        cmp     r0, r3
        beq     1f                              @ spurious: nothing to complete
        ldr     r2, =action
        ldr     r2, [r2]
        push    {r0, r1}
        blx     r2
        pop     {r0, r1}
        str     r0, [r1, #GICC_EOIR]
1:      ldmfd   sp!, {r0-r3, r12, pc}^
        .ltorg

@ Action "periodic": re-arm the timer that fired until its tick target is reached,
@ then disable it; OR the CTL value seen on entry into ctl_seen.
act_periodic:
        cmp     r0, #INTID_VTIMER
        bne     1f
        mrc     p15, 0, r1, c14, c3, 1
        ldr     r2, =ctl_seen
        ldr     r3, [r2]
        orr     r3, r3, r1
        str     r3, [r2]
        ldr     r2, =ticks_v
        ldr     r3, [r2]
        add     r3, r3, #1
        str     r3, [r2]
        ldr     r2, =target
        ldr     r2, [r2]
        cmp     r3, r2
        MOV32   r1, PERIOD
        mcrlo   p15, 0, r1, c14, c3, 0          @ CNTV_TVAL: next period
        movhs   r1, #0
        mcrhs   p15, 0, r1, c14, c3, 1          @ CNTV_CTL: off
        bx      lr
1:      cmp     r0, #INTID_PTIMER
        bxne    lr
        mrc     p15, 0, r1, c14, c2, 1
        ldr     r2, =ctl_seen
        ldr     r3, [r2]
        orr     r3, r3, r1
        str     r3, [r2]
        ldr     r2, =ticks_p
        ldr     r3, [r2]
        add     r3, r3, #1
        str     r3, [r2]
        ldr     r2, =target
        ldr     r2, [r2]
        cmp     r3, r2
        MOV32   r1, PERIOD
        mcrlo   p15, 0, r1, c14, c2, 0          @ CNTP_TVAL
        movhs   r1, #0
        mcrhs   p15, 0, r1, c14, c2, 1          @ CNTP_CTL: off
        bx      lr

@ Action "oneshot": disable the timer that fired.
act_oneshot:
        mov     r1, #0
        cmp     r0, #INTID_VTIMER
        mcreq   p15, 0, r1, c14, c3, 1
        cmp     r0, #INTID_PTIMER
        mcreq   p15, 0, r1, c14, c2, 1
        bx      lr
        .ltorg

@ log_reset: empty the log and zero the counters; r0 = action.
log_reset:
        push    {r1, r2}
        ldr     r1, =action
        str     r0, [r1]
        mov     r0, #0
        ldr     r1, =log_count
        str     r0, [r1]
        ldr     r1, =ticks_v
        str     r0, [r1]
        ldr     r1, =ticks_p
        str     r0, [r1]
        ldr     r1, =ctl_seen
        str     r0, [r1]
        pop     {r1, r2}
        bx      lr

@ log_print: print "IRQ log: id id ...".
log_print:
        push    {r0-r3, lr}
        PUTS    "IRQ log:"
        ldr     r1, =log_count
        ldr     r2, [r1]
        add     r1, r1, #4
1:      subs    r2, r2, #1
        bmi     2f
        ldr     r0, [r1], #4
        PUTS    " "
        PUTDEC  r0
        b       1b
2:      PUTS    "\n"
        pop     {r0-r3, lr}
        bx      lr
        .ltorg

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "irq_timer: generic timer interrupts via the GIC\n"
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR
        isb
        @ GIC: distributor and CPU interface on, all priorities allowed, timer PPIs enabled
        MOV32   r8, GICD_BASE
        MOV32   r9, GICC_BASE
        mov     r0, #1
        str     r0, [r8, #GICD_CTLR]
        str     r0, [r9, #GICC_CTLR]
        mov     r0, #0xff
        str     r0, [r9, #GICC_PMR]
        mov     r0, #(1 << INTID_VTIMER) | (1 << INTID_PTIMER)
        str     r0, [r8, #GICD_ISENABLER]
        ldr     r0, [r8, #GICD_ISENABLER]
        SHOW    "GICD_ISENABLER0", r0
        ldr     r0, [r9, #GICC_HPPIR]
        SHOW    "GICC_HPPIR with nothing pending", r0

        PUTS    "-- virtual timer, 5 periodic interrupts with WFI in between\n"
        ldr     r0, =act_periodic
        bl      log_reset
        mov     r0, #5
        ldr     r1, =target
        str     r0, [r1]
        MOV32   r0, PERIOD
        mcr     p15, 0, r0, c14, c3, 0          @ CNTV_TVAL
        mov     r0, #1
        mcr     p15, 0, r0, c14, c3, 1          @ CNTV_CTL: enabled
        cpsie   i
        ldr     r5, =ticks_v
1:
wfi_v:  wfi
        ldr     r0, [r5]
        cmp     r0, #5
        blo     1b
        cpsid   i
        bl      log_print
        ldr     r0, =ctl_seen
        ldr     r0, [r0]
        SHOW    "CNTV_CTL values seen in the handler (ORed)", r0
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CNTV_CTL afterwards", r0
        ldr     r0, =last_rpr
        ldr     r0, [r0]
        SHOW    "GICC_RPR in the handler", r0
        ldr     r0, [r9, #GICC_RPR]
        SHOW    "GICC_RPR outside", r0
        ldr     r0, =last_ret
        ldr     r0, [r0]
        ldr     r1, =wfi_v
        sub     r0, r0, r1
        SHOW    "return address of the last IRQ - address of the wfi", r0

        PUTS    "-- physical timer, 3 periodic interrupts\n"
        ldr     r0, =act_periodic
        bl      log_reset
        mov     r0, #3
        ldr     r1, =target
        str     r0, [r1]
        MOV32   r0, PERIOD
        mcr     p15, 0, r0, c14, c2, 0          @ CNTP_TVAL
        mov     r0, #1
        mcr     p15, 0, r0, c14, c2, 1          @ CNTP_CTL
        cpsie   i
        ldr     r5, =ticks_p
2:      wfi
        ldr     r0, [r5]
        cmp     r0, #3
        blo     2b
        cpsid   i
        bl      log_print
        ldr     r0, =ctl_seen
        ldr     r0, [r0]
        SHOW    "CNTP_CTL values seen in the handler (ORed)", r0

        PUTS    "-- both timers expire while IRQs are masked\n"
        bl      both_timers
        PUTS    "-- same, with INTID 30 at a higher priority (0x80 vs 0xa0)\n"
        mov     r0, #0x80
        strb    r0, [r8, #GICD_IPRIORITYR + INTID_PTIMER]
        mov     r0, #0xa0
        strb    r0, [r8, #GICD_IPRIORITYR + INTID_VTIMER]
        bl      both_timers
        ldr     r0, =last_rpr
        ldr     r0, [r0]
        SHOW    "GICC_RPR in the last handler", r0
        mov     r0, #0
        strb    r0, [r8, #GICD_IPRIORITYR + INTID_PTIMER]
        strb    r0, [r8, #GICD_IPRIORITYR + INTID_VTIMER]

        PUTS    "-- IMASK holds the output low; clearing it interrupts at once\n"
        ldr     r0, =act_oneshot
        bl      log_reset
        mov     r0, #3                          @ enabled, masked
        mcr     p15, 0, r0, c14, c3, 1
        mov     r0, #0
        mcr     p15, 0, r0, c14, c3, 0          @ TVAL 0: expired now
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CNTV_CTL", r0
        cpsie   i
        ldr     r0, [r8, #GICD_ISPENDR]
        SHOW    "GICD_ISPENDR0 while masked", r0
        bl      log_print
        mov     r4, #0
        mov     r0, #1
unmask_mcr:
        mcr     p15, 0, r0, c14, c3, 1          @ unmask
        mov     r4, #1
        mov     r4, #2
        cpsid   i
        bl      log_print
        ldr     r0, =last_r4
        ldr     r0, [r0]
        SHOW    "r4 when the IRQ was taken", r0
        ldr     r0, =last_ret
        ldr     r0, [r0]
        ldr     r1, =unmask_mcr
        sub     r0, r0, r1
        SHOW    "return address - address of the unmasking mcr", r0
        PUTS    "-- WFI wakes with CPSR.I set; the IRQ is not taken\n"
        ldr     r0, =act_oneshot
        bl      log_reset
        MOV32   r0, PERIOD
        mcr     p15, 0, r0, c14, c3, 0
        mov     r0, #1
        mcr     p15, 0, r0, c14, c3, 1
4:      wfi
        ldr     r0, [r8, #GICD_ISPENDR]
        tst     r0, #(1 << INTID_VTIMER)
        beq     4b
        bl      log_print
        mrc     p15, 0, r0, c14, c3, 1
        SHOW    "CNTV_CTL after waking", r0
        ldr     r0, [r9, #GICC_HPPIR]
        SHOW    "GICC_HPPIR", r0
        ldr     r6, [r9, #GICC_IAR]
        SHOW    "GICC_IAR", r6
        ldr     r0, [r8, #GICD_ISACTIVER]
        SHOW    "GICD_ISACTIVER0 after IAR", r0
        mov     r0, #0
        mcr     p15, 0, r0, c14, c3, 1          @ timer off: output low
        str     r6, [r9, #GICC_EOIR]
        ldr     r0, [r8, #GICD_ISACTIVER]
        SHOW    "GICD_ISACTIVER0 after EOIR", r0
        ldr     r0, [r8, #GICD_ISPENDR]
        SHOW    "GICD_ISPENDR0 after disabling the timer", r0

        pop     {r4-r11, lr}
        bx      lr
        .ltorg

@ both_timers: with IRQs masked, make CNTV and CNTP expire at the same CVAL,
@ show what is pending, then unmask and log the order the IRQs are taken in.
both_timers:
        push    {r4-r7, lr}
        ldr     r0, =act_oneshot
        bl      log_reset
        mrrc    p15, 0, r4, r5, c14             @ CNTPCT
        adds    r4, r4, #1000
        adc     r5, r5, #0
        mcrr    p15, 2, r4, r5, c14             @ CNTP_CVAL
        mcrr    p15, 3, r4, r5, c14             @ CNTV_CVAL
        mov     r0, #1
        mcr     p15, 0, r0, c14, c2, 1
        mcr     p15, 0, r0, c14, c3, 1
1:      mrc     p15, 0, r0, c14, c2, 1
        mrc     p15, 0, r1, c14, c3, 1
        and     r0, r0, r1
        tst     r0, #4
        beq     1b
        ldr     r0, [r8, #GICD_ISPENDR]
        SHOW    "GICD_ISPENDR0", r0
        ldr     r0, [r9, #GICC_HPPIR]
        SHOW    "GICC_HPPIR", r0
        cpsie   i
        nop
        cpsid   i
        bl      log_print
        ldr     r0, [r8, #GICD_ISPENDR]
        SHOW    "GICD_ISPENDR0 afterwards", r0
        pop     {r4-r7, lr}
        bx      lr
        .ltorg

        .data
        .balign 4
action:         .word act_oneshot
log_count:      .word 0
log_intid:      .space 4 * LOG_MAX
last_r4:        .word 0
last_ret:       .word 0
last_rpr:       .word 0
ticks_v:        .word 0
ticks_p:        .word 0
target:         .word 0
ctl_seen:       .word 0
