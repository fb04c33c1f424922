@ modes: processor modes, banked registers and PSR access. Shows the state
@ QEMU starts the program in, that r13/r14/SPSR are banked per mode (and
@ r8-r12 for FIQ), the effect of MSR with each field mask on CPSR and SPSR,
@ CPS, the user-register forms of LDM/STM (^), the restrictions on MSR/CPS
@ in user mode, thread-ID registers from user mode, and SETEND.
        .include "lib.inc"

        .equ SLOT, 8 * 4                @ per mode: r8-r14, SPSR

        .text
        .balign 32
vectors:
        b       unexpected
        b       unexpected
        b       svc_handler
        b       unexpected
        b       unexpected
        b       unexpected
        b       unexpected
        b       unexpected
unexpected:
        MOV32   r0, default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        PUTS    "UNEXPECTED exception\n"
        b       psci_off
@ Any SVC returns to the caller in SVC mode (the way out of user mode).
svc_handler:
        push    {ip}
        mrs     ip, spsr
        bic     ip, ip, #PSR_MODE_MASK
        orr     ip, ip, #MODE_SVC
        msr     spsr_fsxc, ip
        pop     {ip}
        movs    pc, lr

@ Print the current CPSR as "\label: XXXXXXXX".
        .macro CPSR label
        push    {r0}
        mrs     r0, cpsr
        SHOW    "\label", r0
        pop     {r0}
        .endm
@ Print the current SPSR as "\label: XXXXXXXX".
        .macro SPSR label
        push    {r0}
        mrs     r0, spsr
        SHOW    "\label", r0
        pop     {r0}
        .endm

@ Give every mode's banked registers distinct values, then read them all back
@ into the table at r7 (no stack use while sp holds test values).
banked:
        push    {r4-r11, lr}
        mov     r6, sp                          @ the SVC sp
        mov     r5, lr
        MOV32   r7, table
        @ user/system bank
        cps     #MODE_SYS
        MOV32   r8, 0x08000010
        MOV32   r9, 0x09000010
        MOV32   r10, 0x0a000010
        MOV32   r11, 0x0b000010
        MOV32   ip, 0x0c000010
        MOV32   sp, 0x0d000010
        MOV32   lr, 0x0e000010
        @ FIQ bank: r8-r14
        msr     cpsr_c, #(MODE_FIQ | PSR_I | PSR_F)
        MOV32   r8, 0x08000011
        MOV32   r9, 0x09000011
        MOV32   r10, 0x0a000011
        MOV32   r11, 0x0b000011
        MOV32   ip, 0x0c000011
        MOV32   sp, 0x0d000011
        MOV32   lr, 0x0e000011
        MOV32   r0, 0xf00001d1
        msr     spsr_fsxc, r0
        @ IRQ, ABT, UND, SVC: r13, r14, SPSR
        mov     r0, #(MODE_IRQ | PSR_I | PSR_F)
        msr     cpsr_c, r0
        MOV32   sp, 0x0d000012
        MOV32   lr, 0x0e000012
        MOV32   r0, 0x100001d2
        msr     spsr_fsxc, r0
        cps     #MODE_ABT
        MOV32   sp, 0x0d000017
        MOV32   lr, 0x0e000017
        MOV32   r0, 0x200001d7
        msr     spsr_fsxc, r0
        cps     #MODE_UND
        MOV32   sp, 0x0d00001b
        MOV32   lr, 0x0e00001b
        MOV32   r0, 0x400001db
        msr     spsr_fsxc, r0
        cps     #MODE_SVC
        MOV32   sp, 0x0d000013
        MOV32   lr, 0x0e000013
        MOV32   r0, 0x800001d3
        msr     spsr_fsxc, r0
        @ read back: SYS, FIQ, IRQ, ABT, UND, SVC
        cps     #MODE_SYS
        stmia   r7!, {r8-r12, sp, lr}
        mov     r0, #0
        str     r0, [r7], #4                    @ SYS has no SPSR
        cps     #MODE_FIQ
        stmia   r7!, {r8-r12, sp, lr}
        mrs     r0, spsr
        str     r0, [r7], #4
        cps     #MODE_IRQ
        stmia   r7!, {r8-r12, sp, lr}
        mrs     r0, spsr
        str     r0, [r7], #4
        cps     #MODE_ABT
        stmia   r7!, {r8-r12, sp, lr}
        mrs     r0, spsr
        str     r0, [r7], #4
        cps     #MODE_UND
        stmia   r7!, {r8-r12, sp, lr}
        mrs     r0, spsr
        str     r0, [r7], #4
        cps     #MODE_SVC
        stmia   r7!, {r8-r12, sp, lr}
        mrs     r0, spsr
        str     r0, [r7], #4
        @ STM ^ stores the user bank: from FIQ mode that means the user r8-r14
        cps     #MODE_FIQ
        stmia   r7, {r8-r14}^
        add     r7, r7, #28
        mov     r0, #0
        str     r0, [r7], #4
        @ LDM ^ loads the user bank: set user sp/lr from SVC mode
        cps     #MODE_SVC
        MOV32   r0, 0x0d0000aa
        MOV32   r1, 0x0e0000aa
        stmia   r7, {r0, r1}
        ldmia   r7, {sp, lr}^
        mov     r0, r0                          @ no banked access right after LDM ^
        cps     #MODE_SYS
        stmia   r7, {r8-r12, sp, lr}
        add     r7, r7, #28
        mov     r0, #0
        str     r0, [r7], #4
        @ restore every mode's stack
        MOV32   sp, stack_sys_top
        cps     #MODE_FIQ
        MOV32   sp, stack_fiq_top
        cps     #MODE_IRQ
        MOV32   sp, stack_irq_top
        cps     #MODE_ABT
        MOV32   sp, stack_abt_top
        cps     #MODE_UND
        MOV32   sp, stack_und_top
        cps     #MODE_SVC
        mov     sp, r6
        mov     lr, r5
        pop     {r4-r11, lr}
        bx      lr

@ Print the banked-register table filled by `banked`.
        .macro ROW name
        PUTS    "\name: r8-r14"
        mov     r5, #7
1:      ldr     r0, [r4], #4
        PUTS    " "
        PUTHEX  r0
        subs    r5, r5, #1
        bne     1b
        ldr     r0, [r4], #4
        PUTS    " spsr "
        PUTHEX  r0
        PUTS    "\n"
        .endm
print_banked:
        push    {r4, r5, lr}
        MOV32   r4, table
        ROW     "SYS"
        ROW     "FIQ"
        ROW     "IRQ"
        ROW     "ABT"
        ROW     "UND"
        ROW     "SVC"
        ROW     "STM ^ in FIQ (spsr column unused)"
        ROW     "SYS after LDM ^ of sp, lr in SVC (spsr column unused)"
        pop     {r4, r5, lr}
        bx      lr

@ MSR with field masks on CPSR and SPSR.
msr_fields:
        push    {r4, lr}
        mrs     r4, cpsr
        MOV32   r0, 0xffffffff
        msr     cpsr_f, r0
        CPSR    "CPSR after msr cpsr_f, 0xffffffff"
        msr     cpsr_f, #0
        CPSR    "CPSR after msr cpsr_f, #0"
        MOV32   r0, 0x000f0000
        msr     cpsr_s, r0
        CPSR    "CPSR after msr cpsr_s, 0x000f0000 (GE)"
        msr     APSR_g, #0x00050000
        CPSR    "CPSR after msr APSR_g, #0x00050000"
        msr     APSR_nzcvq, #0x48000000
        CPSR    "CPSR after msr APSR_nzcvq, #0x48000000"
        msr     APSR_nzcvqg, #0xa0000000
        CPSR    "CPSR after msr APSR_nzcvqg, #0xa0000000"
        mrs     r0, cpsr
        bic     r0, r0, #PSR_A
        msr     cpsr_x, r0
        CPSR    "CPSR after msr cpsr_x clearing A"
        orr     r0, r0, #PSR_A
        msr     cpsr_x, r0
        CPSR    "CPSR after msr cpsr_x setting A"
        msr     cpsr_c, #(MODE_SYS | PSR_I | PSR_F)
        CPSR    "CPSR after msr cpsr_c, #SYS|I|F"
        mov     r0, #(MODE_SVC | PSR_I | PSR_F | PSR_A)
        msr     cpsr_c, r0
        CPSR    "CPSR after msr cpsr_c, SVC|A|I|F (A is not in the c field)"
        cpsie   a
        CPSR    "CPSR after cpsie a"
        cpsid   a
        CPSR    "CPSR after cpsid a"
        cpsid   aif, #MODE_SYS
        CPSR    "CPSR after cpsid aif, #SYS"
        cps     #MODE_SVC
        CPSR    "CPSR after cps #SVC"
        @ SPSR_svc
        mov     r0, #0
        msr     spsr_fsxc, r0
        SPSR    "SPSR after msr spsr_fsxc, 0"
        MOV32   r0, 0xffffffff
        msr     spsr_f, r0
        SPSR    "SPSR after msr spsr_f, 0xffffffff"
        msr     spsr_s, r0
        SPSR    "SPSR after msr spsr_s, 0xffffffff"
        msr     spsr_x, r0
        SPSR    "SPSR after msr spsr_x, 0xffffffff"
        msr     spsr_c, r0
        SPSR    "SPSR after msr spsr_c, 0xffffffff"
        mov     r0, #0
        msr     spsr_fc, r0
        SPSR    "SPSR after msr spsr_fc, 0"
        msr     spsr_sx, #0
        SPSR    "SPSR after msr spsr_sx, #0"
        msr     spsr_fsxc, #0x1f
        SPSR    "SPSR after msr spsr_fsxc, #0x1f"
        msr     cpsr_fsxc, r4
        pop     {r4, lr}
        bx      lr

@ User mode: MSR writes only the APSR bits, CPS is ignored, thread ID registers.
user_mode:
        push    {r4, lr}
        MOV32   r0, 0x0badf00d
        mcr     p15, 0, r0, c13, c0, 3          @ TPIDRURO
        MOV32   r0, 0x11111111
        mcr     p15, 0, r0, c13, c0, 2          @ TPIDRURW
        cps     #MODE_USR
        CPSR    "CPSR in USR"
        MOV32   r0, 0xf80f01d3
        msr     cpsr_fsxc, r0
        CPSR    "CPSR in USR after msr cpsr_fsxc, 0xf80f01d3"
        msr     cpsr_c, #(MODE_SVC | PSR_I | PSR_F)
        CPSR    "CPSR in USR after msr cpsr_c, #SVC|I|F"
        cpsie   if
        CPSR    "CPSR in USR after cpsie if"
        cps     #MODE_SVC
        CPSR    "CPSR in USR after cps #SVC"
        msr     APSR_nzcvqg, #0
        CPSR    "CPSR in USR after msr APSR_nzcvqg, #0"
        mrc     p15, 0, r0, c13, c0, 3
        SHOW    "TPIDRURO read in USR", r0
        mrc     p15, 0, r0, c13, c0, 2
        SHOW    "TPIDRURW read in USR", r0
        MOV32   r0, 0x22222222
        mcr     p15, 0, r0, c13, c0, 2
        mrc     p15, 0, r0, c13, c0, 2
        SHOW    "TPIDRURW written in USR", r0
        mov     r0, sp
        MOV32   r1, stack_sys_top
        sub     r0, r0, r1
        SHOW    "USR sp relative to the SYS stack top", r0
        svc     #0
        CPSR    "CPSR back in SVC"
        pop     {r4, lr}
        bx      lr

@ SETEND BE makes data accesses big-endian (CPSR.E); instruction fetches are unaffected.
endian:
        push    {r4, r5, lr}
        MOV32   r4, buf
        MOV32   r0, 0x11223344
        str     r0, [r4]
        MOV32   r0, 0x55667788
        str     r0, [r4, #4]
        setend  be
        mrs     r5, cpsr
        ldr     r0, [r4]
        ldrh    r1, [r4, #2]
        ldrsh   r2, [r4, #4]
        ldrd    r2, r3, [r4]
        MOV32   ip, 0xa1b2c3d4
        str     ip, [r4, #8]
        strh    ip, [r4, #12]
        setend  le
        SHOW    "CPSR with SETEND BE", r5
        SHOW    "ldr (BE)", r0
        SHOW    "ldrh [2] (BE)", r1
        SHOW    "ldrd low (BE)", r2
        SHOW    "ldrd high (BE)", r3
        ldr     r0, [r4, #8]
        SHOW    "str (BE) read LE", r0
        ldr     r0, [r4, #12]
        SHOW    "strh (BE) read LE", r0
        mrs     r0, cpsr
        orr     r0, r0, #PSR_E
        msr     cpsr_x, r0
        ldr     r1, [r4, #4]
        bic     r0, r0, #PSR_E
        msr     cpsr_x, r0
        SHOW    "ldr after msr cpsr_x setting E", r1
        CPSR    "CPSR after clearing E"
        pop     {r4, r5, lr}
        bx      lr

        .global main
main:
        push    {r4, lr}
        PUTS    "modes: processor modes, banked registers, PSR access\n"
        MOV32   r4, boot_cpsr
        ldm     r4, {r0, r1, r2, r3}
        SHOW    "CPSR at entry", r0
        SHOW    "SCTLR at entry", r1
        SHOW    "sp at entry", r2
        SHOW    "lr at entry", r3
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        CPSR    "CPSR in main"
        bl      banked
        bl      print_banked
        bl      msr_fields
        bl      user_mode
        bl      endian
        pop     {r4, lr}
        bx      lr

        .bss
        .balign 8
table:  .space  SLOT * 10
buf:    .space  16
