@ contrib_hwprofile: a known number of device register accesses, of known sizes, to the
@ PL011, the PL031 and both halves of the GIC, for tests of the hwprofile plugin
@ (tests/contrib/hwprofile_test.ts holds the same table). Each row is one labelled
@ instruction (a FUNC symbol, so tests and plugins can name its pc) run `count` times.
@ The library's putc adds one UARTFR read and one UARTDR byte write per printed character
@ that the program does not write itself.
        .include "lib.inc"

        .equ RTC_BASE,  0x09010000
        .equ GICD_BASE, 0x08000000
        .equ GICC_BASE, 0x08010000

@ PL011 registers (UARTDR and UARTFR come from lib.inc)
        .equ UARTIBRD,      0x24
        .equ UARTCR,        0x30
        .equ UARTIMSC,      0x38
        .equ UARTICR,       0x44
        .equ UARTPeriphID0, 0xfe0
@ PL031 registers
        .equ RTCDR,   0x00
        .equ RTCMR,   0x04
        .equ RTCCR,   0x0c
        .equ RTCIMSC, 0x10
        .equ RTCRIS,  0x14
        .equ RTCICR,  0x1c
        .equ RTCPeriphID0, 0xfe0
@ GIC distributor and CPU interface registers
        .equ GICD_CTLR,        0x000
        .equ GICD_TYPER,       0x004
        .equ GICD_IIDR,        0x008
        .equ GICD_ISENABLER0,  0x100
        .equ GICD_IPRIORITYR8, 0x420            @ priorities of IRQs 32-35
        .equ GICD_ITARGETSR0,  0x800
        .equ GICC_CTLR,        0x000
        .equ GICC_PMR,         0x004
        .equ GICC_IAR,         0x00c
        .equ GICC_RPR,         0x014

@ ACC label, op, rt, base, offset, count: `op rt, [base, #offset]` run `count` times from
@ the single instruction at `label`. Uses r6.
        .macro ACC label, op, rt, base, offset, count
        mov     r6, #\count
        .global \label
        .type   \label, %function
\label:
        \op     \rt, [\base, #\offset]
        subs    r6, r6, #1
        bne     \label
        .endm

        .text
        .global main
main:
        push    {r4, r5, r6, r7, r8, lr}
        PUTS    "contrib_hwprofile\n"
        MOV32   r4, UART_BASE
        MOV32   r5, RTC_BASE
        MOV32   r7, GICD_BASE
        MOV32   r8, GICC_BASE

        @ PL011
        ACC     pl011_fr_r32, ldr, r0, r4, UARTFR, 5
        ACC     pl011_fr_r16, ldrh, r0, r4, UARTFR, 2
        ACC     pl011_fr_r8, ldrb, r0, r4, UARTFR, 1
        ACC     pl011_cr_r32, ldr, r0, r4, UARTCR, 2
        ACC     pl011_cr_r16, ldrh, r0, r4, UARTCR, 1
        mov     r0, #0
        ACC     pl011_imsc_w32, str, r0, r4, UARTIMSC, 3
        ACC     pl011_imsc_r32, ldr, r0, r4, UARTIMSC, 1
        movw    r1, #0x7ff
        ACC     pl011_icr_w16, strh, r1, r4, UARTICR, 2
        mov     r1, #0x10
        ACC     pl011_ibrd_w32, str, r1, r4, UARTIBRD, 1
        ACC     pl011_ibrd_r32, ldr, r2, r4, UARTIBRD, 1
        SHOW    "UARTIBRD", r2
        ACC     pl011_id0_r8, ldrb, r2, r4, UARTPeriphID0, 1
        SHOW    "UARTPeriphID0", r2
        ACC     pl011_dr_r32, ldr, r2, r4, UARTDR, 2
        mov     r0, #'*'
        ACC     pl011_dr_w8, strb, r0, r4, UARTDR, 3
        PUTS    "\n"

        @ PL031 (RTCDR and RTCRIS depend on the host clock: read, never printed)
        ACC     pl031_dr_r32, ldr, r0, r5, RTCDR, 4
        MOV32   r1, 0x12345678
        ACC     pl031_mr_w32, str, r1, r5, RTCMR, 1
        ACC     pl031_mr_r32, ldr, r2, r5, RTCMR, 2
        SHOW    "RTCMR", r2
        mov     r0, #0
        ACC     pl031_imsc_w32, str, r0, r5, RTCIMSC, 2
        ACC     pl031_imsc_r8, ldrb, r2, r5, RTCIMSC, 1
        mov     r1, #1
        ACC     pl031_icr_w32, str, r1, r5, RTCICR, 1
        ACC     pl031_cr_r32, ldr, r2, r5, RTCCR, 1
        SHOW    "RTCCR", r2
        ACC     pl031_ris_r16, ldrh, r2, r5, RTCRIS, 1
        ACC     pl031_id0_r32, ldr, r2, r5, RTCPeriphID0, 1
        SHOW    "RTCPeriphID0", r2

        @ GIC distributor
        ACC     gicd_ctlr_r32, ldr, r0, r7, GICD_CTLR, 2
        mov     r1, #1
        ACC     gicd_ctlr_w32, str, r1, r7, GICD_CTLR, 1
        ACC     gicd_typer_r32, ldr, r2, r7, GICD_TYPER, 1
        SHOW    "GICD_TYPER", r2
        ACC     gicd_iidr_r32, ldr, r2, r7, GICD_IIDR, 1
        SHOW    "GICD_IIDR", r2
        ACC     gicd_isenabler0_r32, ldr, r2, r7, GICD_ISENABLER0, 1
        SHOW    "GICD_ISENABLER0", r2
        mov     r1, #0xa0
        ACC     gicd_iprio32_w8, strb, r1, r7, GICD_IPRIORITYR8, 4
        mov     r1, #0x50
        ACC     gicd_iprio33_w8, strb, r1, r7, GICD_IPRIORITYR8 + 1, 1
        ACC     gicd_iprio33_r8, ldrb, r2, r7, GICD_IPRIORITYR8 + 1, 2
        ACC     gicd_iprio8_r32, ldr, r2, r7, GICD_IPRIORITYR8, 1
        SHOW    "GICD_IPRIORITYR8", r2
        ACC     gicd_itargets0_r8, ldrb, r2, r7, GICD_ITARGETSR0, 1
        SHOW    "GICD_ITARGETSR0", r2

        @ GIC CPU interface
        mov     r1, #0xf0
        ACC     gicc_pmr_w32, str, r1, r8, GICC_PMR, 1
        ACC     gicc_pmr_r32, ldr, r2, r8, GICC_PMR, 1
        SHOW    "GICC_PMR", r2
        ACC     gicc_iar_r32, ldr, r2, r8, GICC_IAR, 3
        SHOW    "GICC_IAR", r2
        ACC     gicc_ctlr_r32, ldr, r2, r8, GICC_CTLR, 1
        ACC     gicc_rpr_r32, ldr, r2, r8, GICC_RPR, 1
        SHOW    "GICC_RPR", r2

        pop     {r4, r5, r6, r7, r8, lr}
        bx      lr
